package routes.classify;

import static routes.catalog.Timestamps.instant;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/** Reads the access aggregates the ingest route wrote, per dataset. */
public final class ActivityRepository {

    private final JdbcTemplate jdbc;

    public ActivityRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every dataset with its activity since {@code since} (zero when it had none). */
    public List<AccessStats> since(Instant since) {
        return jdbc.query("SELECT d.id, d.last_access_ts, d.created_at, "
                        + "COALESCE(SUM(a.read_count + a.write_count), 0) AS accesses, "
                        + "COALESCE(SUM(a.read_bytes), 0) AS bytes_read "
                        + "FROM datasets d LEFT JOIN access_aggregates a "
                        + "ON a.dataset_id = d.id AND a.window_start >= ? "
                        + "GROUP BY d.id, d.last_access_ts, d.created_at ORDER BY d.id",
                (rs, n) -> new AccessStats(rs.getLong("id"), rs.getLong("accesses"), rs.getLong("bytes_read"),
                        instant(rs, "last_access_ts"), instant(rs, "created_at")), since.toEpochMilli());
    }

    public long aggregateRows() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM access_aggregates", Long.class);
        return n == null ? 0 : n;
    }
}
