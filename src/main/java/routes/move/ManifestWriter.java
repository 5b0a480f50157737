package routes.move;

import java.util.ArrayList;
import java.util.List;

/**
 * A job's manifest rows, written in batches: one SQL transaction per batch instead of two round trips per
 * object, which dominated moves of many small objects. A batch is written once it holds 256 rows or 64
 * MiB of objects, and by {@link #flush()} when a step ends, also when it fails. The worker that fills a
 * batch writes it, while the others go on adding to the next one: holding every worker while a batch was
 * written stalled a move of many small objects for most of its time. A crash loses at most the rows not
 * yet written: a resumed job copies or verifies those objects again, so nothing is lost but a little work.
 */
final class ManifestWriter {

    private static final int MAX_ROWS = 256;
    private static final long MAX_BYTES = 64L << 20;

    private final JobRepository jobs;
    private final long jobId;
    private final Object writing = new Object(); // one batch written at a time: SQLite has one writer anyway
    private List<MigrationJob.ManifestEntry> copied = new ArrayList<>();
    private List<String> verified = new ArrayList<>();
    private long pendingBytes;

    ManifestWriter(JobRepository jobs, long jobId) {
        this.jobs = jobs;
        this.jobId = jobId;
    }

    void copied(String key, long size, String sha256, String storeChecksum) {
        Batch full;
        synchronized (this) {
            copied.add(new MigrationJob.ManifestEntry(key, size, sha256, false, storeChecksum));
            full = added(size);
        }
        write(full);
    }

    void verified(String key, long size) {
        Batch full;
        synchronized (this) {
            verified.add(key);
            full = added(size);
        }
        write(full);
    }

    /** Writes what is pending; called once the workers are done (their batches written). */
    void flush() {
        Batch rest;
        synchronized (this) {
            rest = take();
        }
        write(rest);
    }

    /** The rows pending and taken out together, to be written outside the lock. */
    private record Batch(List<MigrationJob.ManifestEntry> copied, List<String> verified) {
    }

    /** Counts an added row; the batch to write when it is full, else null. Called holding the lock. */
    private Batch added(long size) {
        pendingBytes += size;
        return copied.size() + verified.size() >= MAX_ROWS || pendingBytes >= MAX_BYTES ? take() : null;
    }

    private Batch take() {
        Batch batch = new Batch(copied, verified);
        copied = new ArrayList<>();
        verified = new ArrayList<>();
        pendingBytes = 0;
        return batch;
    }

    private void write(Batch batch) {
        if (batch == null || batch.copied().isEmpty() && batch.verified().isEmpty()) {
            return;
        }
        synchronized (writing) {
            jobs.recordManifest(jobId, batch.copied(), batch.verified());
        }
    }
}
