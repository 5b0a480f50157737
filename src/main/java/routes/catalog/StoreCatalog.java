package routes.catalog;

import static routes.catalog.Timestamps.instant;

import java.time.Clock;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import routes.storage.Encryption;

/** The registered stores (SQL: stores, store_classes), and which store holds a location. Lookups are
 *  served from memory: stores change rarely, locations are resolved on every copy. */
public final class StoreCatalog {

    private static final double GIB = 1024.0 * 1024 * 1024;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private volatile List<Store> stores = List.of();

    public StoreCatalog(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        reload();
    }

    /** Adds a store or replaces the one of that name; true when it is new. */
    public boolean register(Store store) {
        Boolean created = tx.execute(s -> {
            long now = clock.millis();
            boolean exists = jdbc.queryForObject("SELECT COUNT(*) FROM stores WHERE name = ?", Long.class,
                    store.name()) > 0;
            if (exists) {
                jdbc.update("UPDATE stores SET uri_prefix = ?, region = ?, encryption = ?, updated_at = ? WHERE name = ?",
                        store.uriPrefix(), store.region(), store.encryption(), now, store.name());
                jdbc.update("DELETE FROM store_classes WHERE store_name = ?", store.name());
            } else {
                jdbc.update("INSERT INTO stores (name, uri_prefix, region, encryption, created_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)", store.name(), store.uriPrefix(), store.region(),
                        store.encryption(), now, now);
            }
            store.classes().forEach((tier, c) -> jdbc.update("INSERT INTO store_classes (store_name, tier, "
                            + "storage_class, cost_per_gb_month, retrieval_cost_per_gb, egress_cost_per_gb, "
                            + "put_cost_per_1k, get_cost_per_1k, min_storage_days, first_byte_latency_ms) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", store.name(), tier.json(), c.storageClass(),
                    c.costPerGbMonth(), c.retrievalCostPerGb(), c.egressCostPerGb(), c.putCostPer1k(),
                    c.getCostPer1k(), c.minStorageDays(), c.firstByteLatencyMs()));
            return !exists;
        });
        reload();
        return Boolean.TRUE.equals(created);
    }

    public List<Store> all() {
        return stores;
    }

    public Optional<Store> find(String name) {
        return stores.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The store whose prefix is the longest one {@code uri} lies under. */
    public Optional<Store> holding(String uri) {
        return stores.stream().filter(s -> s.holds(uri))
                .max(Comparator.comparingInt(s -> s.uriPrefix().length()));
    }

    /** The class objects of {@code tier} are written in at {@code uri}; the tier's name outside any store. */
    public String storageClass(String uri, Tier tier) {
        return holding(uri).map(s -> s.classes().get(tier)).map(Store.StoreClass::storageClass).orElse(tier.json());
    }

    /** How objects written at {@code uri} are encrypted: as the store holding it is registered. */
    public Encryption encryption(String uri) {
        return holding(uri).map(Store::encrypts).orElse(Encryption.NONE);
    }

    /** The tier whose class is named {@code storageClass} in the store holding {@code uri} (a replica
     *  records its class, not its tier); {@code fallback} when no tier there has that class. */
    public Tier tierOf(String uri, String storageClass, Tier fallback) {
        Map<Tier, Store.StoreClass> classes = holding(uri).map(Store::classes).orElseGet(() -> schemeDefaults(uri));
        return classes.entrySet().stream().filter(e -> e.getValue().storageClass().equals(storageClass))
                .map(Map.Entry::getKey).findFirst().orElse(fallback);
    }

    /** The price per GB-month of a tier's class in the store holding {@code uri}; the scheme's list
     *  price outside any store. */
    private double pricePerGbMonth(String uri, Tier tier) {
        Store.StoreClass c = holding(uri).map(s -> s.classes().get(tier)).orElse(null);
        return (c != null ? c : schemeDefaults(uri).get(tier)).costPerGbMonth();
    }

    /** What {@code sizeBytes} in a tier's class at {@code uri} cost a month, at {@link #pricePerGbMonth}. */
    public double monthlyCost(String uri, Tier tier, long sizeBytes) {
        return sizeBytes / GIB * pricePerGbMonth(uri, tier);
    }

    /** The classes and list prices of the scheme of {@code uri}, for a location outside every store. */
    private static Map<Tier, Store.StoreClass> schemeDefaults(String uri) {
        int colon = uri.indexOf("://");
        return StoreDefaults.forScheme(colon < 0 ? "file" : uri.substring(0, colon));
    }

    private void reload() {
        Map<String, Map<Tier, Store.StoreClass>> classes = new java.util.HashMap<>();
        jdbc.query("SELECT * FROM store_classes", rs -> {
            classes.computeIfAbsent(rs.getString("store_name"), k -> new EnumMap<>(Tier.class))
                    .put(Tier.of(rs.getString("tier")), new Store.StoreClass(rs.getString("storage_class"),
                            rs.getDouble("cost_per_gb_month"), rs.getDouble("retrieval_cost_per_gb"),
                            rs.getDouble("egress_cost_per_gb"), rs.getDouble("put_cost_per_1k"),
                            rs.getDouble("get_cost_per_1k"), rs.getInt("min_storage_days"),
                            rs.getDouble("first_byte_latency_ms")));
        });
        stores = jdbc.query("SELECT * FROM stores ORDER BY name", (rs, n) -> new Store(rs.getString("name"),
                rs.getString("uri_prefix"), rs.getString("region"), rs.getString("encryption"),
                classes.getOrDefault(rs.getString("name"), Map.of()), instant(rs, "created_at"),
                instant(rs, "updated_at")));
    }
}
