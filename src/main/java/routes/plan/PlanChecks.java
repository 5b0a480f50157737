package routes.plan;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

import org.springframework.dao.DataIntegrityViolationException;
import routes.api.ApiException;
import routes.api.StorageErrors;
import routes.catalog.Dataset;
import routes.catalog.DatasetRepository;
import routes.catalog.Policy;
import routes.catalog.PolicyRepository;
import routes.catalog.Replica;
import routes.catalog.Store;
import routes.catalog.StoreCatalog;
import routes.catalog.Tier;
import routes.move.JobKind;
import routes.move.JobRepository;
import routes.storage.InvalidLocationException;
import routes.storage.StoreRegistry;

/**
 * The checks a planned job must pass before it is stored as queued, shared by moves
 * ({@link MigrationPlanner}) and replicas ({@link ReplicaPlanner}): a valid, empty target in a
 * registered store, data at the source, the governing policy, one job in flight per dataset.
 */
public final class PlanChecks {

    private final DatasetRepository datasets;
    private final PolicyRepository policies;
    private final JobRepository jobs;
    private final StoreRegistry stores;
    private final StoreCatalog catalog;

    public PlanChecks(DatasetRepository datasets, PolicyRepository policies, JobRepository jobs, StoreRegistry stores,
                      StoreCatalog catalog) {
        this.datasets = datasets;
        this.policies = policies;
        this.jobs = jobs;
        this.stores = stores;
        this.catalog = catalog;
    }

    public Dataset dataset(long id, String field) {
        return datasets.find(id).orElseThrow(() -> ApiException.notFound(field, "no dataset with id " + id));
    }

    /** The registered store of that name; 404 naming {@code field} when there is none. */
    public Store store(String name, String field) {
        return catalog.find(name).orElseThrow(() -> ApiException.notFound(field, "no store named '" + name
                + "'; GET /stores lists them"));
    }

    /** The dataset's governing policy: its own, else the global one, else none. */
    public Optional<Policy> governing(Dataset dataset) {
        return policies.governing(dataset.policyId());
    }

    /** {@code text} as a location the service may write to. */
    public URI target(String text) {
        try {
            return stores.location(text);
        } catch (InvalidLocationException e) {
            throw ApiException.badRequest("target_location", e.getMessage());
        }
    }

    public Store storeHolding(String targetUri) {
        return catalog.holding(targetUri).orElseThrow(() -> ApiException.badRequest("target_location",
                "no registered store holds " + targetUri + "; register one with POST /stores"));
    }

    /** The target is not the source, neither lies inside the other, nobody lives there, it holds no
     *  data (a job never overwrites), and the source holds data to copy. */
    public void checkTarget(Dataset dataset, URI target) {
        String source = stores.location(dataset.pathUri()).toString(); // as spelled when the target was parsed
        String t = target.toString();
        if (t.equals(source)) {
            throw ApiException.badRequest("target_location", "target_location is the dataset's current location");
        }
        if (nested(source, t) || nested(t, source)) {
            throw ApiException.badRequest("target_location", "target_location may not be inside the source, "
                    + "nor the source inside it");
        }
        datasets.overlappingOthers(source, dataset.id()).ifPresent(other -> {
            // registered before datasets had to keep apart: the move would take the other's objects too
            throw ApiException.conflict("dataset_id", "another dataset's data (" + other + ") lies at, inside or "
                    + "around " + source + "; move that dataset first");
        });
        datasets.overlapping(t).ifPresent(taken -> {
            throw ApiException.conflict("target_location", taken.equals(t)
                    ? "another dataset or replica lives at " + t
                    : t + " overlaps " + taken + ", where a dataset, a replica or a move in flight lives; "
                    + "a move may not go inside another's data, nor around it");
        });
        try {
            if (!stores.store(target).isEmpty(target)) {
                throw ApiException.conflict("target_location", "target_location already holds data; a migration "
                        + "never overwrites it");
            }
        } catch (IOException e) {
            throw StorageErrors.of(e, "target_location", 503, "cannot list " + t);
        }
        try {
            URI src = stores.location(source);
            if (stores.store(src).isEmpty(src)) {
                throw ApiException.conflict("dataset_id", "nothing to move: " + source
                        + " holds no data (seed the dataset first)");
            }
        } catch (IOException e) {
            throw StorageErrors.of(e, "dataset_id", 503, "cannot list the source " + source);
        }
    }

    /** 422 when the dataset's governing policy rules out the store or its class. The latency SLO binds
     *  the primary only: reads go to the primary, a secondary replica is read only to repair it. */
    public void checkPolicy(Dataset dataset, Tier storageClass, Store store, boolean primary) {
        Optional<Policy> governing = governing(dataset);
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
        if (primary && policy.latencySloMs() != null && spec.firstByteLatencyMs() > policy.latencySloMs()) {
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

    /** The registered store a location lies in, by name ("" outside every store). */
    public String storeOf(String uri) {
        return catalog.holding(uri).map(Store::name).orElse("");
    }

    /** A replica of the dataset in {@code store} (a secondary one only, with {@code secondaryOnly}). */
    public Optional<Replica> replicaIn(Dataset dataset, Store store, boolean secondaryOnly) {
        return datasets.replicas(dataset.id()).stream()
                .filter(r -> !(secondaryOnly && r.isPrimary()) && storeOf(r.uri()).equals(store.name())).findFirst();
    }

    /** Stores the job as queued, after checking the dataset has no other job in flight. */
    public PlanResult enqueue(String key, JobKind kind, Dataset dataset, String targetUri, Tier storageClass) {
        jobs.activeFor(dataset.id()).ifPresent(active -> {
            throw ApiException.conflict("dataset_id", "dataset " + dataset.id() + " is already moving (job "
                    + active.id() + ", " + active.state().json() + ")");
        });
        try {
            boolean created = jobs.insertQueued(key, kind, dataset.id(), dataset.pathUri(), targetUri, storageClass,
                    dataset.sizeBytes());
            return new PlanResult(jobs.findByKey(key).orElseThrow(), created);
        } catch (DataIntegrityViolationException e) {
            // another plan for this dataset won the race for its one active job
            throw ApiException.conflict("dataset_id", "dataset " + dataset.id() + " is already moving");
        }
    }

    /** {@code <store uri_prefix><tier>/<dataset name>}: one directory or prefix per tier in each store. */
    public static String defaultLocation(Store store, Tier tier, String datasetName) {
        String prefix = store.uriPrefix();
        return (prefix.endsWith("/") ? prefix : prefix + "/") + tier.json() + "/" + datasetName;
    }

    private static boolean nested(String outer, String inner) {
        String prefix = outer.endsWith("/") ? outer : outer + "/";
        return inner.startsWith(prefix);
    }
}
