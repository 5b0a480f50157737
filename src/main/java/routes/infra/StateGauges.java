package routes.infra;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import routes.catalog.DatasetRepository;
import routes.catalog.StoreCatalog;
import routes.catalog.Tier;
import routes.move.JobState;

/**
 * Gauges of what SQL holds, for dashboards: jobs per state, datasets and their bytes per tier, and
 * the monthly storage cost per tier now and with every latest recommendation applied (each dataset
 * at its store's price for the class, as the UI's overview prices it). Two aggregate queries fill a
 * snapshot at scrape time, at most once per {@code maxAgeMillis}; every gauge reads the snapshot.
 * Every instance reports the same shared state, so dashboards take {@code max}, not {@code sum}.
 */
public final class StateGauges {

    private static final Logger LOG = LoggerFactory.getLogger(StateGauges.class);
    private static final String COST = "Monthly storage cost of every copy in each tier, secondary replicas "
            + "included, at their stores' prices (basis current: where they are; recommended: with every latest "
            + "recommendation applied to the primaries)";

    /** One reading of the database; NaN everywhere when it could not be read. */
    private record Snapshot(Map<JobState, Double> jobs, Map<Tier, Double> datasets, Map<Tier, Double> bytes,
                            Map<Tier, Double> costNow, Map<Tier, Double> costRecommended) {
    }

    private final JdbcTemplate jdbc;
    private final StoreCatalog stores;
    private final DatasetRepository replicas;
    private final long maxAgeNanos;
    private Snapshot snapshot;
    private long readAt;

    public StateGauges(JdbcTemplate jdbc, StoreCatalog stores, DatasetRepository replicas, long maxAgeMillis) {
        this.jdbc = jdbc;
        this.stores = stores;
        this.replicas = replicas;
        this.maxAgeNanos = TimeUnit.MILLISECONDS.toNanos(maxAgeMillis);
    }

    public void bindTo(MeterRegistry registry) {
        for (JobState state : JobState.values()) {
            gauge(registry, "dim.jobs", "Migration jobs in each state", null, s -> s.jobs().get(state),
                    "state", state.json());
        }
        for (Tier tier : Tier.values()) {
            gauge(registry, "dim.datasets", "Datasets in each tier", null, s -> s.datasets().get(tier),
                    "tier", tier.json());
            gauge(registry, "dim.dataset.size", "Bytes stored in each tier, secondary replicas included", "bytes",
                    s -> s.bytes().get(tier), "tier", tier.json());
            gauge(registry, "dim.storage.cost.monthly", COST, "usd", s -> s.costNow().get(tier),
                    "tier", tier.json(), "basis", "current");
            gauge(registry, "dim.storage.cost.monthly", COST, "usd", s -> s.costRecommended().get(tier),
                    "tier", tier.json(), "basis", "recommended");
        }
    }

    private void gauge(MeterRegistry registry, String name, String description, String unit,
                       ToDoubleFunction<Snapshot> value, String... tags) {
        Gauge.builder(name, this, g -> value.applyAsDouble(g.current())).description(description).baseUnit(unit)
                .tags(tags).strongReference(true).register(registry);
    }

    private synchronized Snapshot current() {
        long now = System.nanoTime();
        if (snapshot == null || now - readAt >= maxAgeNanos) {
            snapshot = read();
            readAt = now;
        }
        return snapshot;
    }

    private Snapshot read() {
        Map<JobState, Double> jobs = zeros(JobState.class);
        Map<Tier, Double> datasets = zeros(Tier.class);
        Map<Tier, Double> bytes = zeros(Tier.class);
        Map<Tier, Double> costNow = zeros(Tier.class);
        Map<Tier, Double> costRecommended = zeros(Tier.class);
        try {
            jdbc.query("SELECT state, COUNT(*) AS n FROM migration_jobs GROUP BY state",
                    rs -> { jobs.put(JobState.of(rs.getString("state")), rs.getDouble("n")); });
            jdbc.query("SELECT d.path_uri, d.size_bytes, d.current_tier, r.tier AS recommended FROM datasets d "
                    + "LEFT JOIN recommendations r ON r.id = (SELECT MAX(id) FROM recommendations "
                    + "WHERE dataset_id = d.id)", rs -> {
                        String uri = rs.getString("path_uri");
                        long size = rs.getLong("size_bytes");
                        Tier tier = Tier.of(rs.getString("current_tier"));
                        String advice = rs.getString("recommended");
                        Tier recommended = advice == null ? tier : Tier.of(advice);
                        datasets.merge(tier, 1.0, Double::sum);
                        bytes.merge(tier, (double) size, Double::sum);
                        costNow.merge(tier, stores.monthlyCost(uri, tier, size), Double::sum);
                        costRecommended.merge(recommended, stores.monthlyCost(uri, recommended, size), Double::sum);
                    });
            // secondary replicas stay where they are whatever the primary's recommendation says
            replicas.forEachSecondary((uri, storageClass, size, primaryTier) -> {
                Tier tier = stores.tierOf(uri, storageClass, primaryTier);
                double cost = stores.monthlyCost(uri, tier, size);
                bytes.merge(tier, (double) size, Double::sum);
                costNow.merge(tier, cost, Double::sum);
                costRecommended.merge(tier, cost, Double::sum);
            });
        } catch (DataAccessException | IllegalArgumentException unreadable) {
            LOG.warn("state gauges not read: {}", unreadable.toString());
            jobs.replaceAll((k, v) -> Double.NaN);
            for (Map<Tier, Double> m : List.of(datasets, bytes, costNow, costRecommended)) {
                m.replaceAll((k, v) -> Double.NaN);
            }
        }
        return new Snapshot(jobs, datasets, bytes, costNow, costRecommended);
    }

    private static <K extends Enum<K>> Map<K, Double> zeros(Class<K> keys) {
        Map<K, Double> m = new EnumMap<>(keys);
        for (K k : keys.getEnumConstants()) {
            m.put(k, 0.0);
        }
        return m;
    }
}
