package routes.catalog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import routes.api.ApiException;

/**
 * The cost by tier over time (SQL: cost_snapshots). At each window close one snapshot is taken: per
 * tier, the datasets whose primary is there, and the bytes and monthly storage cost at their stores'
 * prices of every copy there, secondary replicas included (as the overview and the cost gauges price
 * them). {@code GET /costs/history?since=} reads the series.
 */
public final class CostHistory {

    private static final Duration DEFAULT_SPAN = Duration.ofDays(7);
    /** the newest this many snapshots at most in one answer: a year of 5-minute windows is 105,120 */
    static final int MAX_POINTS = 2_000;

    /** One tier in one snapshot. */
    public record TierCost(long datasets, long sizeBytes, double costPerMonth) {
    }

    /** One snapshot: every tier, keyed hot, warm, cold, and their sum. */
    public record Point(Instant takenAt, double totalCostPerMonth, Map<String, TierCost> tiers) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final StoreCatalog stores;
    private final DatasetRepository datasets;
    private final Clock clock;

    public CostHistory(JdbcTemplate jdbc, TransactionTemplate tx, StoreCatalog stores, DatasetRepository datasets,
                       Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.stores = stores;
        this.datasets = datasets;
        this.clock = clock;
    }

    /** Takes a snapshot of what every tier holds and costs now. */
    public Point record() {
        long[] primaries = new long[Tier.values().length];
        long[] bytes = new long[Tier.values().length];
        double[] cost = new double[Tier.values().length];
        jdbc.query("SELECT path_uri, size_bytes, current_tier FROM datasets", rs -> {
            Tier tier = Tier.of(rs.getString("current_tier"));
            long size = rs.getLong("size_bytes");
            primaries[tier.ordinal()]++;
            bytes[tier.ordinal()] += size;
            cost[tier.ordinal()] += stores.monthlyCost(rs.getString("path_uri"), tier, size);
        });
        // a secondary replica is stored, and billed, in its own store's class
        datasets.forEachSecondary((uri, storageClass, size, primaryTier) -> {
            Tier tier = stores.tierOf(uri, storageClass, primaryTier);
            bytes[tier.ordinal()] += size;
            cost[tier.ordinal()] += stores.monthlyCost(uri, tier, size);
        });
        long now = clock.millis();
        tx.executeWithoutResult(s -> {
            for (Tier tier : Tier.values()) {
                int i = tier.ordinal();
                jdbc.update("INSERT INTO cost_snapshots (taken_at, tier, datasets, size_bytes, cost_per_month) "
                        + "VALUES (?, ?, ?, ?, ?)", now, tier.json(), primaries[i], bytes[i], cost[i]);
            }
        });
        return since(Long.toString(now)).get(0);
    }

    /** The snapshots taken at or after {@code since} (ISO-8601 or epoch milliseconds; the last 7 days
     *  when absent), oldest first. */
    public List<Point> since(String since) {
        long from = from(since);
        Map<Long, Map<String, TierCost>> byTime = new LinkedHashMap<>();
        jdbc.query("SELECT taken_at, tier, datasets, size_bytes, cost_per_month FROM cost_snapshots "
                + "WHERE taken_at >= ? ORDER BY taken_at, tier", rs -> {
                    byTime.computeIfAbsent(rs.getLong("taken_at"), t -> new LinkedHashMap<>())
                            .put(rs.getString("tier"), new TierCost(rs.getLong("datasets"), rs.getLong("size_bytes"),
                                    rs.getDouble("cost_per_month")));
                }, from);
        List<Point> points = new ArrayList<>(byTime.size());
        byTime.forEach((t, tiers) -> {
            Map<String, TierCost> all = new LinkedHashMap<>();
            for (Tier tier : Tier.values()) {
                all.put(tier.json(), tiers.getOrDefault(tier.json(), new TierCost(0, 0, 0)));
            }
            double total = all.values().stream().mapToDouble(TierCost::costPerMonth).sum();
            points.add(new Point(Instant.ofEpochMilli(t), total, all));
        });
        return points.size() > MAX_POINTS ? points.subList(points.size() - MAX_POINTS, points.size()) : points;
    }

    private long from(String since) {
        if (since == null || since.isBlank()) {
            return clock.millis() - DEFAULT_SPAN.toMillis();
        }
        String s = since.trim();
        try {
            return s.chars().allMatch(Character::isDigit) ? Long.parseLong(s) : Instant.parse(s).toEpochMilli();
        } catch (NumberFormatException | DateTimeParseException e) {
            throw ApiException.badRequest("since",
                    "since must be an ISO-8601 time (2026-01-31T00:00:00Z) or epoch milliseconds");
        }
    }
}
