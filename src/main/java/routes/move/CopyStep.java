package routes.move;

import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import routes.storage.HashingInputStream;
import routes.storage.ObjectStore;
import routes.storage.StoreRegistry;
import routes.storage.StoredObject;

/**
 * Streams every object of the source to the target, a bounded number at a time, hashing each while
 * it passes, and records the manifest (key, size, SHA-256). An object already verified at the
 * target by an earlier attempt of the same job is not copied again, so a resumed job only redoes
 * what is missing.
 */
public final class CopyStep {

    private final StoreRegistry stores;
    private final JobRepository jobs;
    private final StatusPublisher status;
    private final long progressEvery;
    private final int parallelism;

    public CopyStep(StoreRegistry stores, JobRepository jobs, StatusPublisher status, long progressEvery,
                    int parallelism) {
        this.stores = stores;
        this.jobs = jobs;
        this.status = status;
        this.progressEvery = progressEvery;
        this.parallelism = parallelism;
    }

    public MigrationJob copy(MigrationJob job) throws IOException {
        URI source = stores.location(job.sourceUri());
        URI target = stores.location(job.targetUri());
        ObjectStore from = stores.store(source);
        ObjectStore to = stores.store(target);
        List<StoredObject> objects = from.list(source);
        if (objects.isEmpty()) {
            throw new PermanentFailure("nothing to move: " + source + " holds no data");
        }
        Map<String, Long> alreadyThere = new HashMap<>();
        to.list(target).forEach(o -> alreadyThere.put(o.key(), o.sizeBytes()));
        Map<String, MigrationJob.ManifestEntry> verified = new HashMap<>();
        jobs.objects(job.id()).stream().filter(MigrationJob.ManifestEntry::verified)
                .forEach(e -> verified.put(e.objectKey(), e));

        Progress progress = new Progress(job, objects.stream().mapToLong(StoredObject::sizeBytes).sum(), objects.size());
        Parallel.forEach(objects, parallelism, object -> {
            MigrationJob.ManifestEntry previous = verified.get(object.key());
            boolean resumable = previous != null && previous.sizeBytes() == object.sizeBytes()
                    && Long.valueOf(object.sizeBytes()).equals(alreadyThere.get(object.key()));
            if (resumable) {
                progress.objectDone(object.sizeBytes());
                return;
            }
            AtomicLong seen = new AtomicLong();
            try (HashingInputStream in = new HashingInputStream(from.openRead(source, object.key()),
                    n -> progress.bytes(n - seen.getAndSet(n)), progressEvery)) {
                to.write(target, object.key(), in, object.sizeBytes(), job.storageClass());
                if (in.count() != object.sizeBytes()) {
                    throw new IOException("object '" + object.key() + "' changed size while copied: listed "
                            + object.sizeBytes() + " bytes, read " + in.count());
                }
                jobs.recordObject(job.id(), object.key(), in.count(), in.sha256Hex());
                progress.objectDone(in.count() - seen.get());
            }
        });
        progress.finish();
        jobs.copied(job.id(), Manifest.checksum(jobs.objects(job.id())));
        return jobs.find(job.id()).orElseThrow();
    }

    /** Bytes and objects done across the parallel copies, published every {@code progressEvery} bytes
     *  and at each object. */
    private final class Progress {
        private final MigrationJob job;
        private final long totalBytes;
        private final int totalObjects;
        private final AtomicLong bytes = new AtomicLong();
        private final AtomicInteger objects = new AtomicInteger();
        private long nextReport;

        Progress(MigrationJob job, long totalBytes, int totalObjects) {
            this.job = job;
            this.totalBytes = totalBytes;
            this.totalObjects = totalObjects;
            this.nextReport = progressEvery;
            jobs.progress(job.id(), 0, totalBytes, 0, totalObjects);
        }

        void bytes(long delta) {
            long done = bytes.addAndGet(delta);
            synchronized (this) {
                if (done < nextReport) {
                    return;
                }
                nextReport = done + progressEvery;
            }
            publish();
        }

        void objectDone(long remainingBytes) {
            bytes.addAndGet(remainingBytes);
            objects.incrementAndGet();
            publish();
        }

        void finish() {
            jobs.progress(job.id(), bytes.get(), totalBytes, objects.get(), totalObjects);
        }

        private synchronized void publish() {
            jobs.progress(job.id(), bytes.get(), totalBytes, objects.get(), totalObjects);
            status.publish(jobs.find(job.id()).orElseThrow());
        }
    }
}
