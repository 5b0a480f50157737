package routes.catalog;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.support.TransactionTemplate;
import routes.api.ApiException;
import routes.api.JsonBody;
import routes.api.Page;
import routes.api.PathParams;
import routes.api.StorageErrors;
import routes.storage.InvalidLocationException;
import routes.storage.ObjectStore;
import routes.storage.StoreRegistry;

/** Creating, seeding, reading and editing datasets: the REST routes' bean for /datasets. */
public final class DatasetService {

    private static final Set<String> CREATE_FIELDS =
            Set.of("name", "path_uri", "size_bytes", "auto_seed", "seed_objects", "policy_id", "current_tier");
    private static final Set<String> PATCH_FIELDS = Set.of("name", "policy_id");

    private final DatasetRepository datasets;
    private final PolicyRepository policies;
    private final StoreRegistry stores;
    private final Seeder seeder;
    private final TransactionTemplate tx;
    private final ObjectMapper mapper;
    private final long maxSeedBytes;
    private final ActiveMoves activeMoves;
    private final StoreCatalog catalog;

    public DatasetService(DatasetRepository datasets, PolicyRepository policies, StoreRegistry stores,
                          StoreCatalog catalog, Seeder seeder, TransactionTemplate tx, ObjectMapper mapper,
                          long maxSeedBytes, ActiveMoves activeMoves) {
        this.catalog = catalog;
        this.datasets = datasets;
        this.policies = policies;
        this.stores = stores;
        this.seeder = seeder;
        this.tx = tx;
        this.mapper = mapper;
        this.maxSeedBytes = maxSeedBytes;
        this.activeMoves = activeMoves;
    }

    /** Tells whether a dataset has a migration in flight, so seeding cannot race a move. */
    public interface ActiveMoves {
        boolean isMoving(long datasetId);
    }

    public Dataset create(String body) {
        JsonBody json = JsonBody.object(mapper, body).allowOnly(CREATE_FIELDS);
        String name = name(json.requiredText("name"));
        URI location = location(json.requiredText("path_uri"));
        long size = json.requiredNonNegative("size_bytes");
        boolean autoSeed = json.optionalBoolean("auto_seed", false);
        Long policyId = json.optionalLong("policy_id").map(this::policy).orElse(null);
        Tier tier = json.optionalText("current_tier").map(t -> Tier.parse(t, "current_tier")).orElse(Tier.HOT);
        int objects = seedObjects(json);
        if (autoSeed) {
            checkSeedSize(size);
        }
        if (datasets.nameTaken(name)) {
            throw ApiException.conflict("name", "a dataset named '" + name + "' already exists");
        }
        datasets.overlapping(location.toString()).ifPresent(taken -> {
            throw ApiException.conflict("path_uri", taken.equals(location.toString())
                    ? "another dataset already lives at " + location
                    : location + " overlaps " + taken + ", where another dataset lives or is moving; "
                    + "a dataset may not lie inside another, nor hold one");
        });
        String checksum = null;
        if (autoSeed) {
            if (!isEmpty(location)) {
                throw ApiException.conflict("path_uri", "data already exists at " + location
                        + "; auto_seed never overwrites it");
            }
            checksum = write(location, size, objects, tier);
        }
        String seeded = checksum;
        try {
            long id = tx.execute(s -> datasets.insert(name, location.toString(), size, tier,
                    catalog.storageClass(location.toString(), tier), policyId, seeded));
            return datasets.findWithReplicas(id).orElseThrow();
        } catch (DataIntegrityViolationException e) {
            if (autoSeed) {
                discard(location);
            }
            throw ApiException.conflict("name", "a dataset with this name or location already exists");
        }
    }

    public Dataset get(String id) {
        return datasets.findWithReplicas(existing(id)).orElseThrow();
    }

    public Page<Dataset> list(String limit, String offset) {
        int l = PathParams.bounded(limit, "limit", 50, 1, 1000);
        int o = PathParams.bounded(offset, "offset", 0, 0, Integer.MAX_VALUE);
        List<Dataset> page = datasets.page(l, o);
        // each with its replicas, read for the whole page in one query
        Map<Long, List<Replica>> replicas = datasets.replicas(page.stream().map(Dataset::id).toList());
        return new Page<>(page.stream().map(d -> d.withReplicas(replicas.getOrDefault(d.id(), List.of()))).toList(),
                datasets.total(), l, o);
    }

    public Dataset patch(String id, String body) {
        long datasetId = existing(id);
        JsonBody json = JsonBody.object(mapper, body).allowOnly(PATCH_FIELDS);
        String name = json.optionalText("name").map(this::name).orElse(null);
        boolean policyGiven = json.present("policy_id");
        Long policyId = json.optionalLong("policy_id").map(this::policy).orElse(null);
        if (name != null && !name.equals(datasets.find(datasetId).orElseThrow().name()) && datasets.nameTaken(name)) {
            throw ApiException.conflict("name", "a dataset named '" + name + "' already exists");
        }
        tx.executeWithoutResult(s -> {
            if (name != null) {
                datasets.rename(datasetId, name);
            }
            if (policyGiven) {
                datasets.setPolicy(datasetId, policyId);
            }
        });
        return get(id);
    }

    /** Writes the dataset's data (again) at its current location. */
    public Dataset seed(String id, String body) {
        long datasetId = existing(id);
        Dataset dataset = datasets.find(datasetId).orElseThrow();
        long size = dataset.sizeBytes();
        int objects = 1;
        if (body != null && !body.isBlank()) {
            JsonBody json = JsonBody.object(mapper, body).allowOnly(Set.of("size_bytes", "seed_objects"));
            size = json.optionalNonNegative("size_bytes").orElse(size);
            objects = seedObjects(json);
        }
        checkSeedSize(size);
        if (activeMoves.isMoving(datasetId)) {
            throw ApiException.conflict("id", "dataset " + datasetId + " is being migrated; seed it afterwards");
        }
        if (datasets.replicas(datasetId).stream().anyMatch(r -> !r.isPrimary())) {
            // new data at the primary would leave the secondaries holding what the dataset no longer is
            throw ApiException.conflict("id", "dataset " + datasetId + " has secondary replicas; seeding would "
                    + "leave them stale");
        }
        URI location = location(dataset.pathUri());
        datasets.overlappingOthers(location.toString(), datasetId).ifPresent(other -> {
            // registered before datasets had to keep apart: replacing this one's data would delete the other's
            throw ApiException.conflict("id", "another dataset's data (" + other + ") lies at, inside or around "
                    + location + "; seeding would replace it");
        });
        try {
            // a seed replaces what was there: objects of an earlier seed of another shape would stay beside
            // the new ones, and the dataset would no longer match the checksum recorded for it
            deleteAll(location);
        } catch (IOException e) {
            throw StorageErrors.of(e, "path_uri", 503, "could not remove the data at " + location);
        }
        String checksum = write(location, size, objects, dataset.currentTier());
        long written = size;
        tx.executeWithoutResult(s -> datasets.seeded(datasetId, written, checksum));
        return get(id);
    }

    private long existing(String rawId) {
        long id = PathParams.id(rawId, "id");
        if (datasets.find(id).isEmpty()) {
            throw ApiException.notFound("id", "no dataset with id " + id);
        }
        return id;
    }

    private long policy(long policyId) {
        if (policies.find(policyId).isEmpty()) {
            throw ApiException.notFound("policy_id", "no policy with id " + policyId);
        }
        return policyId;
    }

    /** A name is also a folder's: auto mode and replicas place a dataset at {@code <store>/<tier>/<name>}. */
    private String name(String name) {
        if (name.length() > 200) {
            throw ApiException.badRequest("name", "name must be at most 200 characters");
        }
        if (name.equals(".") || name.equals("..") || name.chars().anyMatch(c -> c == '/' || c == '\\'
                || Character.isISOControl(c))) {
            throw ApiException.badRequest("name", "name may not be '.' or '..', nor hold '/', '\\' or control "
                    + "characters: it also names the dataset's folder in a store");
        }
        return name;
    }

    private void checkSeedSize(long size) {
        if (size > maxSeedBytes) {
            throw ApiException.badRequest("size_bytes", "size_bytes may be at most " + maxSeedBytes
                    + " when seeding (dim.seed.max-bytes)");
        }
    }

    private URI location(String uri) {
        URI location;
        try {
            location = stores.location(uri);
        } catch (InvalidLocationException e) {
            throw ApiException.badRequest("path_uri", e.getMessage());
        }
        if (catalog.holding(location.toString()).isEmpty()) {
            throw ApiException.badRequest("path_uri", "no registered store holds " + location
                    + "; register one with POST /stores");
        }
        return location;
    }

    private boolean isEmpty(URI location) {
        try {
            return stores.store(location).isEmpty(location);
        } catch (IOException e) {
            throw StorageErrors.of(e, "path_uri", 503, "cannot read " + location);
        }
    }

    private static int seedObjects(JsonBody json) {
        long n = json.optionalLong("seed_objects").orElse(1L);
        if (n < 1 || n > 100_000) {
            throw json.invalid("seed_objects", "seed_objects must be from 1 to 100000");
        }
        return (int) n;
    }

    private String write(URI location, long size, int objects, Tier tier) {
        try {
            return seeder.seed(location, size, objects, tier);
        } catch (IOException e) {
            throw StorageErrors.of(e, "path_uri", 507, "could not write the data at " + location);
        }
    }

    private void discard(URI location) {
        try {
            deleteAll(location);
        } catch (IOException ignored) {
            // best effort: the dataset row was not created
        }
    }

    private void deleteAll(URI location) throws IOException {
        ObjectStore store = stores.store(location);
        store.list(location, o -> store.delete(location, o.key()));
        store.prune(location);
    }
}
