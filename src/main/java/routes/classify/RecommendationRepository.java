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
            rs.getString("reason"), rs.getString("model_version"), instant(rs, "created_at"));

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public RecommendationRepository(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The tier and model version of a dataset's newest recommendation. */
    public record Advice(Tier tier, String modelVersion) {
    }

    public Recommendation insert(long datasetId, Tier tier, double confidence, String reason, String modelVersion) {
        long now = clock.millis();
        Long id = jdbc.queryForObject("INSERT INTO recommendations (dataset_id, tier, confidence, reason, "
                        + "model_version, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id", Long.class,
                datasetId, tier.json(), confidence, reason, modelVersion, now);
        // the row is what was just written: no second round trip to read it back
        return new Recommendation(id, datasetId, tier, confidence, reason, modelVersion, Instant.ofEpochMilli(now));
    }

    /** Every dataset's newest advice (tier and model version), in one query. */
    public Map<Long, Advice> latestAdvice() {
        Map<Long, Advice> out = new HashMap<>();
        Map<String, Advice> shared = new HashMap<>(); // few distinct (tier, version) pairs: one object each
        jdbc.query("SELECT r.dataset_id, r.tier, r.model_version FROM recommendations r JOIN (SELECT dataset_id, "
                + "MAX(id) AS id FROM recommendations GROUP BY dataset_id) m ON m.id = r.id", rs -> {
                    Advice a = new Advice(Tier.of(rs.getString(2)), rs.getString(3));
                    out.put(rs.getLong(1), shared.computeIfAbsent(a.tier() + "/" + a.modelVersion(), k -> a));
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
