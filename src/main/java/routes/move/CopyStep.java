package routes.move;

import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import routes.storage.HashingInputStream;
import routes.storage.ObjectStore;
import routes.storage.StoreRegistry;
import routes.storage.StoredObject;

/**
 * Streams every object of the source to the target, hashing each while it passes, and records the
 * manifest (key, size, SHA-256). An object already verified at the target by an earlier attempt of
 * the same job is not copied again, so a resumed job only redoes what is missing.
 */
public final class CopyStep {

    private final StoreRegistry stores;
    private final JobRepository jobs;
    private final StatusPublisher status;
    private final long progressEvery;

    public CopyStep(StoreRegistry stores, JobRepository jobs, StatusPublisher status, long progressEvery) {
        this.stores = stores;
        this.jobs = jobs;
        this.status = status;
        this.progressEvery = progressEvery;
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
        long total = objects.stream().mapToLong(StoredObject::sizeBytes).sum();
        Map<String, Long> alreadyThere = new HashMap<>();
        to.list(target).forEach(o -> alreadyThere.put(o.key(), o.sizeBytes()));
        Map<String, MigrationJob.ManifestEntry> verified = new HashMap<>();
        jobs.objects(job.id()).stream().filter(MigrationJob.ManifestEntry::verified)
                .forEach(e -> verified.put(e.objectKey(), e));

        long done = 0;
        jobs.progress(job.id(), 0, total);
        for (StoredObject object : objects) {
            MigrationJob.ManifestEntry previous = verified.get(object.key());
            boolean resumable = previous != null && previous.sizeBytes() == object.sizeBytes()
                    && Long.valueOf(object.sizeBytes()).equals(alreadyThere.get(object.key()));
            if (!resumable) {
                long base = done;
                try (HashingInputStream in = new HashingInputStream(from.openRead(source, object.key()),
                        n -> progress(job, base + n, total), progressEvery)) {
                    to.write(target, object.key(), in);
                    jobs.recordObject(job.id(), object.key(), in.count(), in.sha256Hex());
                }
            }
            done += object.sizeBytes();
        }
        jobs.progress(job.id(), done, total);
        jobs.copied(job.id(), Manifest.checksum(jobs.objects(job.id())));
        return jobs.find(job.id()).orElseThrow();
    }

    private void progress(MigrationJob job, long done, long total) {
        jobs.progress(job.id(), done, total);
        status.publish(jobs.find(job.id()).orElseThrow());
    }
}
