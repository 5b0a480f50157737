package routes.plan;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.dao.DataIntegrityViolationException;
import routes.api.ApiException;
import routes.api.JsonBody;
import routes.api.StorageErrors;
import routes.catalog.Dataset;
import routes.catalog.DatasetRepository;
import routes.catalog.Policy;
import routes.catalog.PolicyRepository;
import routes.catalog.Store;
import routes.catalog.StoreCatalog;
import routes.catalog.Tier;
import routes.move.JobRepository;
import routes.move.MigrationJob;
import routes.storage.InvalidLocationException;
import routes.storage.StoreRegistry;

/**
 * {@code POST /plan-migration}: checks the dataset, the target and the dataset's policy, then stores
 * the job as queued under its deterministic key. The same plan twice yields the same job; a second,
 * different move of a dataset that is moving is refused.
 */
public final class MigrationPlanner {

    private static final Set<String> FIELDS = Set.of("dataset_id", "storage_class", "target_location");

    private final DatasetRepository datasets;
    private final PolicyRepository policies;
    private final JobRepository jobs;
    private final StoreRegistry stores;
    private final StoreCatalog catalog;
    private final ObjectMapper mapper;

    public MigrationPlanner(DatasetRepository datasets, PolicyRepository policies, JobRepository jobs,
                            StoreRegistry stores, StoreCatalog catalog, ObjectMapper mapper) {
        this.datasets = datasets;
        this.policies = policies;
        this.jobs = jobs;
        this.stores = stores;
        this.catalog = catalog;
        this.mapper = mapper;
    }

    public PlanResult plan(String body) {
        JsonBody json = JsonBody.object(mapper, body).allowOnly(FIELDS);
        long datasetId = json.requiredLong("dataset_id");
        Tier storageClass = Tier.parse(json.requiredText("storage_class"), "storage_class");
        String targetText = json.requiredText("target_location");
        Dataset dataset = datasets.find(datasetId)
                .orElseThrow(() -> ApiException.notFound("dataset_id", "no dataset with id " + datasetId));
        URI target = target(targetText);
        String source = dataset.pathUri();
        String targetUri = target.toString();

        String key = JobKey.of(datasetId, source, targetUri, storageClass);
        Optional<MigrationJob> same = jobs.findByKey(key);
        if (same.isEmpty() && targetUri.equals(source)) {
            // the move was planned and has completed: the dataset is where this plan wants it
            same = jobs.completedTo(datasetId, targetUri, storageClass);
        }
        if (same.isPresent()) {
            return new PlanResult(same.get(), false);
        }
        Store store = catalog.holding(targetUri).orElseThrow(() -> ApiException.badRequest("target_location",
                "no registered store holds " + targetUri + "; register one with POST /stores"));
        checkTarget(dataset, target);
        checkPolicy(dataset, storageClass, store);
        jobs.activeFor(datasetId).ifPresent(active -> {
            throw ApiException.conflict("dataset_id", "dataset " + datasetId + " is already moving (job "
                    + active.id() + ", " + active.state().json() + ")");
        });
        try {
            boolean created = jobs.insertQueued(key, datasetId, source, targetUri, storageClass, dataset.sizeBytes());
            return new PlanResult(jobs.findByKey(key).orElseThrow(), created);
        } catch (DataIntegrityViolationException e) {
            // another plan for this dataset won the race for its one active job
            throw ApiException.conflict("dataset_id", "dataset " + datasetId + " is already moving");
        }
    }

    private URI target(String text) {
        try {
            return stores.location(text);
        } catch (InvalidLocationException e) {
            throw ApiException.badRequest("target_location", e.getMessage());
        }
    }

    private void checkTarget(Dataset dataset, URI target) {
        String source = dataset.pathUri();
        String t = target.toString();
        if (t.equals(source)) {
            throw ApiException.badRequest("target_location", "target_location is the dataset's current location");
        }
        if (nested(source, t) || nested(t, source)) {
            throw ApiException.badRequest("target_location", "target_location may not be inside the source, "
                    + "nor the source inside it");
        }
        if (datasets.locationTaken(t)) {
            throw ApiException.conflict("target_location", "another dataset lives at " + t);
        }
        try {
            if (!stores.store(target).list(target).isEmpty()) {
                throw ApiException.conflict("target_location", "target_location already holds data; a migration "
                        + "never overwrites it");
            }
        } catch (IOException e) {
            throw StorageErrors.of(e, "target_location", 503, "cannot list " + t);
        }
        try {
            URI src = stores.location(source);
            if (stores.store(src).list(src).isEmpty()) {
                throw ApiException.conflict("dataset_id", "nothing to move: " + source
                        + " holds no data (seed the dataset first)");
            }
        } catch (IOException e) {
            throw StorageErrors.of(e, "dataset_id", 503, "cannot list the source " + source);
        }
    }

    private void checkPolicy(Dataset dataset, Tier storageClass, Store store) {
        Optional<Policy> governing = policies.governing(dataset.policyId());
        if (governing.isEmpty()) {
            return;
        }
        Policy policy = governing.get();
        if (policy.excludes(store.region())) {
            throw new ApiException(422, "store '" + store.name() + "' is in region " + store.region()
                    + ", which policy '" + policy.name() + "' excludes", "target_location");
        }
        if (policy.encryptionRequired() && !StorePlacement.encrypted(store)) {
            throw new ApiException(422, "store '" + store.name() + "' does not encrypt what it holds, and policy '"
                    + policy.name() + "' requires encryption", "target_location");
        }
        Store.StoreClass spec = store.classes().get(storageClass);
        if (policy.latencySloMs() != null && spec.firstByteLatencyMs() > policy.latencySloMs()) {
            throw new ApiException(422, String.format(Locale.ROOT, "storage class %s of store '%s' (%s) answers in "
                            + "%.0f ms, above the latency SLO of %.0f ms of policy '%s'", storageClass.json(),
                    store.name(), spec.storageClass(), spec.firstByteLatencyMs(), policy.latencySloMs(),
                    policy.name()), "storage_class");
        }
        if (policy.maxCostPerGbMonth() != null && spec.costPerGbMonth() > policy.maxCostPerGbMonth()) {
            throw new ApiException(422, String.format(Locale.ROOT, "storage class %s of store '%s' (%s) costs $%.4f "
                            + "per GB-month, above the maximum of $%.4f of policy '%s'", storageClass.json(),
                    store.name(), spec.storageClass(), spec.costPerGbMonth(), policy.maxCostPerGbMonth(),
                    policy.name()), "storage_class");
        }
    }

    private static boolean nested(String outer, String inner) {
        String prefix = outer.endsWith("/") ? outer : outer + "/";
        return inner.startsWith(prefix);
    }
}
