package routes.move;

import java.util.ArrayList;
import java.util.List;

/**
 * A job's manifest rows, written in batches: one SQL round trip per batch instead of two per object,
 * which dominated moves of many small objects. A batch is written once it holds 256 rows or 64 MiB of
 * objects, and by {@link #flush()} when a step ends, also when it fails. A
 * crash loses at most the rows not yet written: a resumed job copies or verifies those objects
 * again, so nothing is lost but a little work.
 */
final class ManifestWriter {

    private static final int MAX_ROWS = 256;
    private static final long MAX_BYTES = 64L << 20;

    private final JobRepository jobs;
    private final long jobId;
    private final List<MigrationJob.ManifestEntry> copied = new ArrayList<>();
    private final List<String> verified = new ArrayList<>();
    private long pendingBytes;

    ManifestWriter(JobRepository jobs, long jobId) {
        this.jobs = jobs;
        this.jobId = jobId;
    }

    synchronized void copied(String key, long size, String sha256, String storeChecksum) {
        copied.add(new MigrationJob.ManifestEntry(key, size, sha256, false, storeChecksum));
        added(size);
    }

    synchronized void verified(String key, long size) {
        verified.add(key);
        added(size);
    }

    private void added(long size) {
        pendingBytes += size;
        if (copied.size() + verified.size() >= MAX_ROWS || pendingBytes >= MAX_BYTES) {
            flush();
        }
    }

    synchronized void flush() {
        if (!copied.isEmpty()) {
            jobs.recordObjects(jobId, List.copyOf(copied));
            copied.clear();
        }
        if (!verified.isEmpty()) {
            jobs.markVerified(jobId, List.copyOf(verified));
            verified.clear();
        }
        pendingBytes = 0;
    }
}
