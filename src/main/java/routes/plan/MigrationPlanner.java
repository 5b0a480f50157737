package routes.plan;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import routes.api.ApiException;
import routes.api.JsonBody;
import routes.catalog.Dataset;
import routes.catalog.Store;
import routes.catalog.Tier;
import routes.move.JobKind;
import routes.move.JobRepository;
import routes.move.JobState;
import routes.move.MigrationJob;

/**
 * {@code POST /plan-migration}: checks the dataset, the target and the dataset's policy, then stores
 * the job as queued under its deterministic key. The same plan twice yields the same job; a second,
 * different move of a dataset that is moving is refused, and so is a move into a store that holds a
 * secondary replica of the dataset: primary and secondary would share one store, and the dataset
 * would lose a distinct copy once the source is deleted.
 */
public final class MigrationPlanner {

    private static final Set<String> FIELDS = Set.of("dataset_id", "storage_class", "target_location");

    private final JobRepository jobs;
    private final PlanChecks checks;
    private final ObjectMapper mapper;

    public MigrationPlanner(JobRepository jobs, PlanChecks checks, ObjectMapper mapper) {
        this.jobs = jobs;
        this.checks = checks;
        this.mapper = mapper;
    }

    public PlanResult plan(String body) {
        JsonBody json = JsonBody.object(mapper, body).allowOnly(FIELDS);
        long datasetId = json.requiredLong("dataset_id");
        Tier storageClass = Tier.parse(json.requiredText("storage_class"), "storage_class");
        String targetText = json.requiredText("target_location");
        Dataset dataset = checks.dataset(datasetId, "dataset_id");
        URI target = checks.target(targetText);
        String source = dataset.pathUri();
        String targetUri = target.toString();

        String key = JobKey.of(datasetId, source, targetUri, storageClass);
        Optional<MigrationJob> same = jobs.findByKey(key);
        while (same.isPresent() && same.get().state() == JobState.COMPLETED) {
            // that move is done and the dataset is back where it started: this plan is a new move
            key = JobKey.again(key, same.get().id());
            same = jobs.findByKey(key);
        }
        if (same.isEmpty() && targetUri.equals(source)) {
            // the move was planned and has completed: the dataset is where this plan wants it
            same = jobs.completedTo(datasetId, targetUri, storageClass);
        }
        if (same.isPresent()) {
            return new PlanResult(same.get(), false);
        }
        Store store = checks.storeHolding(targetUri);
        checks.checkTarget(dataset, target);
        checks.checkPolicy(dataset, storageClass, store, true);
        checkNoSecondaryIn(dataset, store);
        return checks.enqueue(key, JobKind.MOVE, dataset, targetUri, storageClass);
    }

    private void checkNoSecondaryIn(Dataset dataset, Store store) {
        checks.replicaIn(dataset, store, true).ifPresent(r -> {
            throw ApiException.conflict("target_location", "store '" + store.name() + "' already holds a "
                    + "secondary replica of dataset " + dataset.id() + " (" + r.uri() + "); moving the primary "
                    + "there would leave both copies in one store. Move it to another store.");
        });
    }
}
