package routes.catalog;

import java.net.URI;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import routes.api.ApiException;
import routes.api.JsonBody;
import routes.storage.Encryption;
import routes.storage.InvalidLocationException;
import routes.storage.StoreRegistry;

/** {@code GET|POST /stores, PATCH /stores/{name}}: registering a location with its classes and prices,
 *  and editing one. A field a registration leaves out takes the scheme's default (StoreDefaults); one an
 *  edit leaves out keeps its value. */
public final class StoreService {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Set<String> FIELDS = Set.of("name", "uri_prefix", "region", "encryption", "classes");
    private static final Set<String> CLASS_FIELDS = Set.of("storage_class", "cost_per_gb_month",
            "retrieval_cost_per_gb", "egress_cost_per_gb", "put_cost_per_1k", "get_cost_per_1k", "min_storage_days",
            "first_byte_latency_ms");

    private final StoreCatalog catalog;
    private final StoreRegistry registry;
    private final DatasetRepository datasets;
    private final ObjectMapper mapper;

    public StoreService(StoreCatalog catalog, StoreRegistry registry, DatasetRepository datasets, ObjectMapper mapper) {
        this.catalog = catalog;
        this.registry = registry;
        this.datasets = datasets;
        this.mapper = mapper;
    }

    /** The result of a registration: the store, and whether it is new (201) or replaced (200). */
    public record Registered(Store store, boolean created) {
        public int status() {
            return created ? 201 : 200;
        }
    }

    public Registered register(String body) {
        JsonBody json = JsonBody.object(mapper, body).allowOnly(FIELDS);
        String name = json.requiredText("name");
        if (!NAME.matcher(name).matches()) {
            throw json.invalid("name", "name must be 1-64 lower-case letters, digits, '.', '_' or '-'");
        }
        String prefix = prefix(json.requiredText("uri_prefix"));
        Map<Tier, Store.StoreClass> classes = classes(json, StoreDefaults.forScheme(URI.create(prefix).getScheme()));
        refuseTakenPrefix(prefix, name);
        catalog.find(name).ifPresent(current -> refuseStranding(current, prefix));
        Store store = new Store(name, prefix, json.optionalText("region").orElse(null),
                encryption(json.optionalText("encryption").orElse(null), prefix), classes, null, null);
        boolean created = catalog.register(store);
        return new Registered(catalog.find(name).orElseThrow(), created);
    }

    /** Changes the fields given and keeps the others; a class field given overrides that one field of
     *  the tier's class. A store keeps its name (configuration re-registers stores by name). */
    public Store patch(String name, String body) {
        Store current = catalog.find(name)
                .orElseThrow(() -> ApiException.notFound("name", "no store named '" + name + "'"));
        JsonBody json = JsonBody.object(mapper, body).allowOnly(FIELDS);
        json.optionalText("name").filter(n -> !n.equals(name)).ifPresent(n -> {
            throw json.invalid("name", "a store cannot be renamed; register '" + n + "' as a new store instead");
        });
        String prefix = json.present("uri_prefix") ? prefix(json.requiredText("uri_prefix")) : current.uriPrefix();
        String scheme = URI.create(prefix).getScheme();
        Map<Tier, Store.StoreClass> base = new EnumMap<>(StoreDefaults.forScheme(scheme));
        if (scheme.equals(URI.create(current.uriPrefix()).getScheme())) {
            base.putAll(current.classes()); // a move to another scheme starts again from its defaults
        }
        Map<Tier, Store.StoreClass> classes = classes(json, base);
        refuseTakenPrefix(prefix, name);
        refuseStranding(current, prefix);
        catalog.register(new Store(name, prefix, clearable(json, "region", current.region()),
                encryption(clearable(json, "encryption", current.encryption()), prefix), classes, null, null));
        return catalog.find(name).orElseThrow();
    }

    public List<Store> list() {
        return catalog.all();
    }

    private void refuseTakenPrefix(String prefix, String name) {
        catalog.all().stream().filter(s -> s.uriPrefix().equals(prefix) && !s.name().equals(name)).findFirst()
                .ifPresent(s -> {
                    throw ApiException.conflict("uri_prefix", "store '" + s.name() + "' already has this prefix");
                });
    }

    /** A store keeps its prefix while data lives under it: with another, that data would lie in no store,
     *  or in another one (a secondary replica counted in its primary's store is no distinct copy). */
    private void refuseStranding(Store current, String prefix) {
        if (prefix.equals(current.uriPrefix())) {
            return;
        }
        datasets.anyUnder(current.uriPrefix()).ifPresent(uri -> {
            throw ApiException.conflict("uri_prefix", "store '" + current.name() + "' holds data (" + uri
                    + "); its prefix can change once nothing lives under " + current.uriPrefix());
        });
    }

    /** An edited text field: its new value, null when sent as null, the current one when left out. */
    private static String clearable(JsonBody json, String field, String current) {
        if (!json.present(field)) {
            return current;
        }
        return json.has(field) ? json.optionalText(field).orElseThrow() : null;
    }

    /** An encryption the store's scheme can apply to every write (SSE-KMS for s3, CMEK for gs...). */
    private static String encryption(String text, String prefix) {
        try {
            Encryption.parse(text).requireFits(URI.create(prefix).getScheme());
            return text == null ? null : text.trim();
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("encryption", e.getMessage());
        }
    }

    /** A prefix the service may use: a supported scheme, a bucket, inside the file roots. */
    private String prefix(String raw) {
        String prefix = raw.endsWith("/") ? raw : raw + "/";
        try {
            registry.location(prefix + "probe"); // any location inside must be acceptable
            return prefix;
        } catch (InvalidLocationException e) {
            throw ApiException.badRequest("uri_prefix", e.getMessage());
        }
    }

    /** The classes given in the request, each field over the one in {@code base}. */
    private Map<Tier, Store.StoreClass> classes(JsonBody json, Map<Tier, Store.StoreClass> base) {
        Map<Tier, Store.StoreClass> classes = new EnumMap<>(base);
        if (!json.has("classes")) {
            return classes;
        }
        JsonNode given = json.node("classes");
        if (!given.isObject()) {
            throw json.invalid("classes", "classes must be an object keyed by hot, warm, cold");
        }
        for (Iterator<String> it = given.fieldNames(); it.hasNext(); ) {
            String tierName = it.next();
            Tier tier = Tier.parse(tierName, "classes." + tierName);
            JsonBody c = JsonBody.object(given.get(tierName), "classes." + tierName + ".").allowOnly(CLASS_FIELDS);
            Store.StoreClass d = classes.get(tier);
            double latency = c.optionalNonNegativeNumber("first_byte_latency_ms").orElse(d.firstByteLatencyMs());
            classes.put(tier, new Store.StoreClass(
                    c.optionalText("storage_class").orElse(d.storageClass()),
                    c.optionalNonNegativeNumber("cost_per_gb_month").orElse(d.costPerGbMonth()),
                    c.optionalNonNegativeNumber("retrieval_cost_per_gb").orElse(d.retrievalCostPerGb()),
                    c.optionalNonNegativeNumber("egress_cost_per_gb").orElse(d.egressCostPerGb()),
                    c.optionalNonNegativeNumber("put_cost_per_1k").orElse(d.putCostPer1k()),
                    c.optionalNonNegativeNumber("get_cost_per_1k").orElse(d.getCostPer1k()),
                    (int) Math.min(36_500, c.optionalNonNegative("min_storage_days").orElse((long) d.minStorageDays())),
                    latency));
        }
        return classes;
    }
}
