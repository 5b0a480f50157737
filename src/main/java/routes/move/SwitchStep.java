package routes.move;

import java.util.function.BiConsumer;

import org.springframework.transaction.support.TransactionTemplate;
import routes.catalog.Dataset;
import routes.catalog.DatasetRepository;
import routes.catalog.StoreCatalog;

/** Records a verified copy in one SQL transaction, with the job's switch mark. A move's switch makes
 *  the copy the dataset's primary (new primary replica with its checksum and class, dataset location,
 *  tier and update time): before it commits the source is primary; after, the target is. A replicate
 *  job's switch adds the copy as a secondary replica and leaves the primary as it is. Only the holder
 *  of the job's lease switches it, and only once. */
public final class SwitchStep {

    private final JobRepository jobs;
    private final DatasetRepository datasets;
    private final StoreCatalog catalog;
    private final TransactionTemplate tx;
    private final StepGate gate;
    private final String owner;

    public SwitchStep(JobRepository jobs, DatasetRepository datasets, StoreCatalog catalog, TransactionTemplate tx,
                      StepGate gate, String owner) {
        this.owner = owner;
        this.jobs = jobs;
        this.datasets = datasets;
        this.catalog = catalog;
        this.tx = tx;
        this.gate = gate;
    }

    /** A move: the target becomes the primary. */
    public MigrationJob commit(MigrationJob job) {
        return inSwitch(job, (current, manifest) -> datasets.switchPrimary(job.datasetId(), job.targetUri(),
                job.storageClass(), catalog.storageClass(job.targetUri(), job.storageClass()), manifest.bytes(),
                current.checksumSha256()));
    }

    /** A replicate job: the target becomes a secondary replica (is_primary = 0); the source stays primary. */
    public MigrationJob recordReplica(MigrationJob job) {
        return inSwitch(job, (current, manifest) -> datasets.addSecondary(job.datasetId(), job.targetUri(),
                catalog.storageClass(job.targetUri(), job.storageClass()), manifest.bytes(),
                current.checksumSha256()));
    }

    private MigrationJob inSwitch(MigrationJob job, BiConsumer<MigrationJob, JobRepository.ManifestTotals> record) {
        tx.executeWithoutResult(s -> {
            MigrationJob current = jobs.find(job.id()).orElseThrow();
            if (current.switched()) {
                return;
            }
            if (!jobs.markSwitched(job.id(), owner)) {
                throw new LeaseLost(job.id(), "the switch");
            }
            Dataset dataset = datasets.find(job.datasetId()).orElseThrow();
            if (!dataset.pathUri().equals(job.sourceUri())) {
                throw new PermanentFailure("dataset " + dataset.id() + " is at " + dataset.pathUri()
                        + ", no longer at the job's source " + job.sourceUri());
            }
            // totals, not rows: a manifest of millions of objects is not read into the transaction
            JobRepository.ManifestTotals manifest = jobs.manifestTotals(job.id());
            if (!manifest.allVerified()) {
                throw new PermanentFailure("job " + job.id() + " reached the switch with unverified objects");
            }
            record.accept(current, manifest);
            gate.pass("switch-commit"); // written, not yet committed
        });
        return jobs.find(job.id()).orElseThrow();
    }
}
