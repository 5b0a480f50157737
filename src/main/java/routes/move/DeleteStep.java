package routes.move;

import java.io.IOException;
import java.net.URI;

import routes.catalog.DatasetRepository;
import routes.storage.ObjectStore;
import routes.storage.StoreRegistry;

/** Deletes the source's objects once the switch is committed, then forgets the old replica. Only the
 *  objects in the manifest are deleted: anything that appeared at the source later is left alone. */
public final class DeleteStep {

    private final StoreRegistry stores;
    private final JobRepository jobs;
    private final DatasetRepository datasets;
    private final StepGate gate;

    public DeleteStep(StoreRegistry stores, JobRepository jobs, DatasetRepository datasets, StepGate gate) {
        this.stores = stores;
        this.jobs = jobs;
        this.datasets = datasets;
        this.gate = gate;
    }

    public MigrationJob deleteSource(MigrationJob job) throws IOException {
        MigrationJob current = jobs.find(job.id()).orElseThrow();
        if (!current.switched()) {
            throw new PermanentFailure("refusing to delete the source of job " + job.id() + " before its switch");
        }
        URI source = stores.location(job.sourceUri());
        ObjectStore from = stores.store(source);
        for (MigrationJob.ManifestEntry entry : jobs.objects(job.id())) {
            from.delete(source, entry.objectKey());
            gate.pass("delete-object");
        }
        from.prune(source);
        datasets.dropReplica(job.datasetId(), job.sourceUri());
        return current;
    }
}
