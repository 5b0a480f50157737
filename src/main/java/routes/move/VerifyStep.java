package routes.move;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

import routes.catalog.Dataset;
import routes.catalog.DatasetRepository;
import routes.storage.HashingInputStream;
import routes.storage.ObjectStore;
import routes.storage.StoreRegistry;
import routes.storage.StoredObject;

/**
 * Checks that the target holds every copied object exactly. Where the target store keeps a checksum
 * of its own (S3's ETag, GCS's MD5) that was worked out from the bytes as they were copied, one listing
 * of the target compares them, as {@code rclone --checksum} does, without reading the data again
 * ({@code dim.mover.verify = checksum}, the default), and so does a file a move within one file system
 * linked, by which file it is; every other object (a file copied, a KMS-encrypted S3 object, a store
 * whose listing shows no checksum), and every object with {@code read}, is read
 * back and hashed again with SHA-256. A mismatch discards the whole copy (the source stays primary)
 * and fails the step, so the retry copies afresh. The copied bytes must also match the checksum
 * recorded for the dataset, so a source corrupted at rest is never propagated.
 */
public final class VerifyStep {

    private final StoreRegistry stores;
    private final JobRepository jobs;
    private final DatasetRepository datasets;
    private final Discard discard;
    private final int parallelism;
    private final int pageSize;
    private final StepGate gate;
    private final boolean byStoreChecksum;

    /** {@code byStoreChecksum}: compare the store's own checksums where it keeps them (false: read every
     *  object back). */
    public VerifyStep(StoreRegistry stores, JobRepository jobs, DatasetRepository datasets, Discard discard,
                      int parallelism, int pageSize, StepGate gate, boolean byStoreChecksum) {
        this.gate = gate;
        this.byStoreChecksum = byStoreChecksum;
        this.stores = stores;
        this.jobs = jobs;
        this.datasets = datasets;
        this.discard = discard;
        this.parallelism = parallelism;
        this.pageSize = pageSize;
    }

    public MigrationJob verify(MigrationJob job) throws IOException {
        URI target = stores.location(job.targetUri());
        ObjectStore to = stores.store(target);
        ManifestWriter rows = new ManifestWriter(jobs, job.id());
        try {
            if (byStoreChecksum && jobs.countUnverifiedWithStoreChecksum(job.id()) > 0) {
                compareChecksums(job, to, target, rows);
                rows.flush(); // what the listing verified is not read back below
            }
            readBack(job, to, target, rows);
        } catch (ChecksumMismatch mismatch) {
            discard.destination(job);
            throw mismatch;
        } finally {
            rows.flush();
        }
        MigrationJob current = jobs.find(job.id()).orElseThrow();
        Dataset dataset = datasets.find(job.datasetId()).orElseThrow();
        if (dataset.checksumSha256() != null && !dataset.checksumSha256().equals(current.checksumSha256())) {
            discard.destination(job);
            throw new PermanentFailure("the source's bytes hash to " + current.checksumSha256()
                    + " but the dataset was recorded as " + dataset.checksumSha256()
                    + ": it changed or is corrupt at the source; nothing was moved");
        }
        return current;
    }

    /** Compares a listing of the target, a page at a time, with the manifest rows of its keys: an object
     *  the store reports with the checksum predicted for it is verified; with another checksum or size,
     *  the copy is corrupt. Objects the listing shows without a checksum, or does not show, stay
     *  unverified for {@link #readBack}. */
    private void compareChecksums(MigrationJob job, ObjectStore to, URI target, ManifestWriter rows)
            throws IOException {
        Batches<StoredObject> pages = new Batches<>(pageSize, page -> {
            Map<String, MigrationJob.ManifestEntry> copied = jobs.objects(job.id(),
                    page.stream().map(StoredObject::key).toList());
            for (StoredObject there : page) {
                MigrationJob.ManifestEntry entry = copied.get(there.key());
                if (entry == null || entry.verified() || entry.storeChecksum() == null || there.checksum() == null) {
                    continue;
                }
                if (!entry.storeChecksum().equals(there.checksum()) || there.sizeBytes() != entry.sizeBytes()) {
                    throw new ChecksumMismatch("object '" + entry.objectKey() + "' at " + target + " is listed with "
                            + "checksum " + there.checksum() + " (" + there.sizeBytes() + " bytes), copied as "
                            + entry.storeChecksum() + " (" + entry.sizeBytes() + " bytes); the copy was discarded");
                }
                rows.verified(entry.objectKey(), entry.sizeBytes());
                gate.pass("verify-object");
            }
        });
        to.list(target, pages::add);
        pages.flush();
    }

    /** Reads every object not yet verified back from the target and hashes it again. */
    private void readBack(MigrationJob job, ObjectStore to, URI target, ManifestWriter rows) throws IOException {
        try (Parallel<MigrationJob.ManifestEntry> workers = new Parallel<>(parallelism, entry -> {
            String actual;
            long size;
            try (HashingInputStream in = new HashingInputStream(to.openRead(target, entry.objectKey()))) {
                actual = in.drain().sha256Hex();
                size = in.count();
            }
            if (!actual.equals(entry.sha256()) || size != entry.sizeBytes()) {
                throw new ChecksumMismatch("object '" + entry.objectKey() + "' at " + target + " hashes to "
                        + actual + " (" + size + " bytes), copied as " + entry.sha256() + " ("
                        + entry.sizeBytes() + " bytes); the copy was discarded");
            }
            rows.verified(entry.objectKey(), entry.sizeBytes());
            gate.pass("verify-object");
        })) {
            // the manifest a page at a time: memory stays flat in the number of objects
            jobs.forEachObject(job.id(), true, pageSize, workers::submit);
            workers.finish();
        }
    }
}
