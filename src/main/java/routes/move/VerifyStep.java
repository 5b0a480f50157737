package routes.move;

import java.io.IOException;
import java.net.URI;

import routes.catalog.Dataset;
import routes.catalog.DatasetRepository;
import routes.storage.HashingInputStream;
import routes.storage.ObjectStore;
import routes.storage.StoreRegistry;

/**
 * Reads every copied object back from the target and hashes it again. A mismatch discards the whole
 * copy (the source stays primary) and fails the step, so the retry copies afresh. The copied bytes
 * must also match the checksum recorded for the dataset, so a source corrupted at rest is never
 * propagated.
 */
public final class VerifyStep {

    private final StoreRegistry stores;
    private final JobRepository jobs;
    private final DatasetRepository datasets;
    private final Discard discard;
    private final int parallelism;
    private final int pageSize;
    private final StepGate gate;

    public VerifyStep(StoreRegistry stores, JobRepository jobs, DatasetRepository datasets, Discard discard,
                      int parallelism, int pageSize, StepGate gate) {
        this.gate = gate;
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
}
