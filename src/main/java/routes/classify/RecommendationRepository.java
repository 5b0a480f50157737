package routes.classify;

import static routes.catalog.Timestamps.instant;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import routes.catalog.Tier;

/** SQL for the recommendations table. */
public final class RecommendationRepository {

    private static final RowMapper<Recommendation> ROW = (rs, n) -> new Recommendation(rs.getLong("id"),
            rs.getLong("dataset_id"), Tier.of(rs.getString("tier")), rs.getDouble("confidence"),
            rs.getString("reason"), rs.getString("model_version"), instant(rs, "created_at"), rs.getString("target_store"));

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public RecommendationRepository(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Recommendation insert(long datasetId, Tier tier, double confidence, String reason, String modelVersion,
                                 String targetStore) {
        Long id = jdbc.queryForObject("INSERT INTO recommendations (dataset_id, tier, confidence, reason, "
                        + "model_version, created_at, target_store) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id", Long.class,
                datasetId, tier.json(), confidence, reason, modelVersion, clock.millis(), targetStore);
        return jdbc.queryForObject("SELECT * FROM recommendations WHERE id = ?", ROW, id);
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
