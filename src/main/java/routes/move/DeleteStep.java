package routes.move;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import routes.catalog.DatasetRepository;
import routes.storage.ObjectStore;
import routes.storage.StoreRegistry;

/** Deletes the source's objects once the switch is committed, then forgets the old replica. Only the
 *  objects in the manifest are deleted: anything that appeared at the source later is left alone. */
public final class DeleteStep {

    /** Objects per deleteAll call: a resumed delete starts over, and missing objects are no error. */
    private static final int DELETE_BATCH = 1000;

    private final StoreRegistry stores;
    private final JobRepository jobs;
    private final DatasetRepository datasets;
    private final StepGate gate;
    private final int parallelism;

    /** {@code parallelism}: batches deleted at once (a file system unlinks a batch one file at a time, and
     *  freeing a synced file's blocks costs it about 75 us; S3 deletes a batch in one request). */
    public DeleteStep(StoreRegistry stores, JobRepository jobs, DatasetRepository datasets, StepGate gate,
                      int parallelism) {
        this.stores = stores;
        this.jobs = jobs;
        this.datasets = datasets;
        this.gate = gate;
        this.parallelism = parallelism;
    }

    public MigrationJob deleteSource(MigrationJob job) throws IOException {
        MigrationJob current = jobs.find(job.id()).orElseThrow();
        if (!current.switched()) {
            throw new PermanentFailure("refusing to delete the source of job " + job.id() + " before its switch");
        }
        URI source = stores.location(job.sourceUri());
        ObjectStore from = stores.store(source);
        // the manifest in pages, one batch delete per page, a few batches at a time
        try (Parallel<List<String>> deletes = new Parallel<>(parallelism, batch -> {
            from.deleteAll(source, batch);
            gate.pass("delete-object");
        })) {
            Batches<String> keys = new Batches<>(DELETE_BATCH, deletes::submit);
            jobs.forEachObject(job.id(), false, DELETE_BATCH, e -> keys.add(e.objectKey()));
            keys.flush();
            deletes.finish();
        }
        from.prune(source);
        datasets.dropReplica(job.datasetId(), job.sourceUri());
        return current;
    }
}
