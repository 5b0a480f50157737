package routes.classify;

import static routes.catalog.Timestamps.instant;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import routes.catalog.Tier;

/** SQL for the recommendations table. */
public final class RecommendationRepository {

    private static final RowMapper<Recommendation> ROW = (rs, n) -> new Recommendation(rs.getLong("id"),
            rs.getLong("dataset_id"), Tier.of(rs.getString("tier")), rs.getDouble("confidence"),
            rs.getString("reason"), rs.getString("model_version"), instant(rs, "created_at"), rs.getString("target_store"),
            stores(rs.getString("replica_stores")));

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public RecommendationRepository(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The tier, model version, target store and replica stores of a dataset's newest recommendation. */
    public record Advice(Tier tier, String modelVersion, String targetStore, List<String> replicaStores) {
    }

    public Recommendation insert(long datasetId, Tier tier, double confidence, String reason, String modelVersion,
                                 String targetStore, List<String> replicaStores) {
        long now = clock.millis();
        Long id = jdbc.queryForObject("INSERT INTO recommendations (dataset_id, tier, confidence, reason, "
                        + "model_version, created_at, target_store, replica_stores) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                        + "RETURNING id", Long.class, datasetId, tier.json(), confidence, reason, modelVersion, now,
                targetStore, replicaStores.isEmpty() ? null : String.join(",", replicaStores));
        // the row is what was just written: no second round trip to read it back
        return new Recommendation(id, datasetId, tier, confidence, reason, modelVersion, Instant.ofEpochMilli(now),
                targetStore, replicaStores);
    }

    /** Store names are plain (letters, digits, '-', '_', '.'), so a comma list keeps them. */
    private static List<String> stores(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split(","));
    }

    /** Every dataset's newest advice (tier, model version, target store), in one query. */
    public Map<Long, Advice> latestAdvice() {
        Map<Long, Advice> out = new HashMap<>();
        Map<String, Advice> shared = new HashMap<>(); // few distinct advices: one object each
        jdbc.query("SELECT r.dataset_id, r.tier, r.model_version, r.target_store, r.replica_stores FROM "
                + "recommendations r JOIN (SELECT dataset_id, MAX(id) AS id FROM recommendations GROUP BY dataset_id) m "
                + "ON m.id = r.id", rs -> {
                    Advice a = new Advice(Tier.of(rs.getString(2)), rs.getString(3), rs.getString(4),
                            stores(rs.getString(5)));
                    out.put(rs.getLong(1), shared.computeIfAbsent(a.tier() + "/" + a.modelVersion() + "/"
                            + a.targetStore() + "/" + a.replicaStores(), k -> a));
                });
        return out;
    }

    public Optional<Recommendation> latest(long datasetId) {
        return jdbc.query("SELECT * FROM recommendations WHERE dataset_id = ? ORDER BY id DESC LIMIT 1", ROW, datasetId)
                .stream().findFirst();
    }

    public List<Recommendation> forDataset(long datasetId, int limit) {
        return jdbc.query("SELECT * FROM recommendations WHERE dataset_id = ? ORDER BY id DESC LIMIT ?", ROW,
                datasetId, limit);
    }

    /** The newest recommendation of every dataset. */
    public List<Recommendation> latestPerDataset(int limit) {
        return jdbc.query("SELECT * FROM recommendations r WHERE r.id = (SELECT MAX(id) FROM recommendations "
                + "WHERE dataset_id = r.dataset_id) ORDER BY r.dataset_id LIMIT ?", ROW, limit);
    }
}
