package routes.plan;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import routes.api.ApiException;
import routes.api.JsonBody;
import routes.api.PathParams;
import routes.catalog.Dataset;
import routes.catalog.Policy;
import routes.catalog.Store;
import routes.catalog.Tier;
import routes.move.JobKind;
import routes.move.JobRepository;
import routes.move.MigrationJob;

/**
 * {@code POST /datasets/{id}/replicas}: plans a secondary replica of a dataset in another registered
 * store, as a replicate job (copy, verify, record the replica; the source is never deleted). {@code store}
 * names the store; {@code storage_class} defaults to the store's cheapest class the dataset's policy allows,
 * {@code target_location} to {@code <store uri_prefix><class>/<dataset name>}. Checked as a move is (empty
 * target, data at the source, the policy but for its latency SLO, one job in flight), and refused when the
 * store already holds the primary or a replica: a replica counts only in a store of its own. The same
 * request twice yields the same job.
 */
public final class ReplicaPlanner {

    private static final Set<String> FIELDS = Set.of("store", "storage_class", "target_location");

    private final JobRepository jobs;
    private final PlanChecks checks;
    private final ObjectMapper mapper;

    public ReplicaPlanner(JobRepository jobs, PlanChecks checks, ObjectMapper mapper) {
        this.jobs = jobs;
        this.checks = checks;
        this.mapper = mapper;
    }

    public PlanResult plan(String id, String body) {
        long datasetId = PathParams.id(id, "id");
        Dataset dataset = checks.dataset(datasetId, "id");
        JsonBody json = JsonBody.object(mapper, body).allowOnly(FIELDS);
        String name = json.requiredText("store");
        Store store = checks.store(name, "store");
        if (checks.storeOf(dataset.pathUri()).equals(store.name())) {
            throw ApiException.conflict("store", "store '" + store.name() + "' holds the primary of dataset "
                    + datasetId + "; a replica counts only in another store");
        }
        Policy policy = checks.governing(dataset).orElse(null);
        Tier tier = json.optionalText("storage_class").map(t -> Tier.parse(t, "storage_class"))
                .orElseGet(() -> Redundancy.cheapest(store, policy).map(Redundancy.Secondary::tier)
                        .orElseThrow(() -> new ApiException(422, "the dataset's policy allows no class of store '"
                                + store.name() + "' (region, encryption or price)", "store")));
        if (!store.classes().containsKey(tier)) {
            throw ApiException.badRequest("storage_class", "store '" + store.name() + "' has no " + tier.json() + " class");
        }
        URI target = json.optionalText("target_location").map(checks::target)
                .orElseGet(() -> checks.target(PlanChecks.defaultLocation(store, tier, dataset.name())));
        String targetUri = target.toString();
        if (!checks.storeOf(targetUri).equals(store.name())) {
            throw ApiException.badRequest("target_location", targetUri + " is not in store '" + store.name() + "'");
        }
        String key = JobKey.replica(datasetId, dataset.pathUri(), targetUri, tier);
        Optional<MigrationJob> same = jobs.findByKey(key);
        if (same.isPresent()) {
            return new PlanResult(same.get(), false);
        }
        checks.replicaIn(dataset, store, false).ifPresent(r -> {
            throw ApiException.conflict("store", "store '" + store.name() + "' already holds a replica of dataset "
                    + datasetId + " at " + r.uri());
        });
        checks.checkTarget(dataset, target);
        checks.checkPolicy(dataset, tier, store, false);
        return checks.enqueue(key, JobKind.REPLICATE, dataset, targetUri, tier);
    }

}
