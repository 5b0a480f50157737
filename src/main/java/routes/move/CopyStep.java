package routes.move;

import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import routes.catalog.StoreCatalog;
import routes.storage.HashingInputStream;
import routes.storage.ObjectStore;
import routes.storage.StoreRegistry;
import routes.storage.StoredObject;

/**
 * Streams every object of the source to the target, a bounded number at a time, hashing each while
 * it passes, and records the manifest (key, size, SHA-256). A resumed job (a retry, or a restart
 * after a crash) copies only what is missing: an object an earlier attempt already put at the
 * target is kept when the manifest says it was verified, or when re-reading it gives the hash the
 * manifest recorded.
 */
public final class CopyStep {

    private final StoreRegistry stores;
    private final StoreCatalog catalog;
    private final JobRepository jobs;
    private final StatusPublisher status;
    private final MoveMetrics metrics;
    private final long progressEvery;
    private final int parallelism;
    private final StepGate gate;
    private final long progressGapNanos;

    public CopyStep(StoreRegistry stores, StoreCatalog catalog, JobRepository jobs, StatusPublisher status,
                    MoveMetrics metrics, long progressEvery, long progressGapMillis, int parallelism, StepGate gate) {
        this.gate = gate;
        this.progressGapNanos = progressGapMillis * 1_000_000;
        this.stores = stores;
        this.catalog = catalog;
        this.jobs = jobs;
        this.status = status;
        this.metrics = metrics;
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
        String storageClass = catalog.storageClass(job.targetUri(), job.storageClass());
        Map<String, Long> alreadyThere = new HashMap<>();
        to.list(target).forEach(o -> alreadyThere.put(o.key(), o.sizeBytes()));
        Map<String, MigrationJob.ManifestEntry> manifest = new HashMap<>();
        jobs.objects(job.id()).forEach(e -> manifest.put(e.objectKey(), e));
        // failure injection: the copy fails once this many objects are at the target
        AtomicInteger allowed = new AtomicInteger(job.injectAfterObjects() == null ? Integer.MAX_VALUE
                : Math.max(0, job.injectAfterObjects() - manifest.size()));

        Progress progress = new Progress(job, objects.stream().mapToLong(StoredObject::sizeBytes).sum(), objects.size());
        ManifestWriter rows = new ManifestWriter(jobs, job.id());
        try {
            copyAll(job, objects, from, source, to, target, storageClass, alreadyThere, manifest, allowed, progress, rows);
        } finally {
            rows.flush(); // what did reach the target is kept for the retry, also when a copy failed
        }
        progress.finish();
        jobs.copied(job.id(), Manifest.checksum(jobs.objects(job.id())));
        return jobs.find(job.id()).orElseThrow();
    }

    private void copyAll(MigrationJob job, List<StoredObject> objects, ObjectStore from, URI source, ObjectStore to,
                         URI target, String storageClass, Map<String, Long> alreadyThere,
                         Map<String, MigrationJob.ManifestEntry> manifest, AtomicInteger allowed, Progress progress,
                         ManifestWriter rows) throws IOException {
        Parallel.forEach(objects, parallelism, object -> {
            MigrationJob.ManifestEntry previous = manifest.get(object.key());
            if (previous != null && previous.sizeBytes() == object.sizeBytes()
                    && Long.valueOf(object.sizeBytes()).equals(alreadyThere.get(object.key()))
                    && (previous.verified() || matches(to, target, previous, rows))) {
                progress.objectDone(object.sizeBytes());
                return;
            }
            if (allowed.getAndDecrement() <= 0) {
                throw new InjectedFailure("failure injected after " + job.injectAfterObjects() + " objects");
            }
            AtomicLong seen = new AtomicLong();
            try (HashingInputStream in = new HashingInputStream(from.openRead(source, object.key()),
                    n -> progress.bytes(n - seen.getAndSet(n)), progressEvery)) {
                to.write(target, object.key(), in, object.sizeBytes(), storageClass);
                if (in.count() != object.sizeBytes()) {
                    throw new IOException("object '" + object.key() + "' changed size while copied: listed "
                            + object.sizeBytes() + " bytes, read " + in.count());
                }
                rows.copied(object.key(), in.count(), in.sha256Hex());
                metrics.objectCopied();
                gate.pass("copy-object");
                progress.objectDone(in.count() - seen.get());
            }
        });
    }

    /** True when the object at the target hashes to what the manifest recorded, so it need not be
     *  copied again (reading is cheaper than copying, across stores). */
    private static boolean matches(ObjectStore to, URI target, MigrationJob.ManifestEntry entry, ManifestWriter rows)
            throws IOException {
        try (HashingInputStream in = new HashingInputStream(to.openRead(target, entry.objectKey()))) {
            if (in.drain().sha256Hex().equals(entry.sha256())) {
                rows.verified(entry.objectKey(), entry.sizeBytes());
                return true;
            }
        }
        return false;
    }

    /** Bytes and objects done across the parallel copies, published every {@code progressEvery} bytes
     *  and at each object, but not more often than every {@code progressGap}: each publication is a
     *  SQL update and a Kafka round trip, which would slow a fast copy down. */
    private final class Progress {
        private final MigrationJob job;
        private final long totalBytes;
        private final int totalObjects;
        private final AtomicLong bytes = new AtomicLong();
        private final AtomicInteger objects = new AtomicInteger();
        private long nextReport;
        private long lastPublished = System.nanoTime();

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
            publishIfDue();
        }

        void objectDone(long remainingBytes) {
            bytes.addAndGet(remainingBytes);
            objects.incrementAndGet();
            publishIfDue();
        }

        private void publishIfDue() {
            synchronized (this) {
                long now = System.nanoTime();
                if (now - lastPublished < progressGapNanos) {
                    return;
                }
                lastPublished = now;
            }
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
