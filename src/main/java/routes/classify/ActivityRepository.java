package routes.classify;

import static routes.catalog.Timestamps.instant;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
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

    /** A dataset's last {@code limit} windows, oldest first. */
    public List<ActivityWindow> windows(long datasetId, int limit) {
        List<ActivityWindow> newestFirst = jdbc.query("SELECT window_start, window_ms, read_count, write_count, "
                        + "read_bytes, write_bytes, latency_sum_ms, latency_count, latency_max_ms, first_ts, last_ts "
                        + "FROM access_aggregates WHERE dataset_id = ? ORDER BY window_start DESC LIMIT ?",
                (rs, n) -> {
                    long latencies = rs.getLong("latency_count");
                    return new ActivityWindow(instant(rs, "window_start"), rs.getLong("window_ms"),
                            rs.getLong("read_count"), rs.getLong("write_count"), rs.getLong("read_bytes"),
                            rs.getLong("write_bytes"), latencies == 0 ? null : rs.getDouble("latency_sum_ms") / latencies,
                            rs.getDouble("latency_max_ms"), instant(rs, "first_ts"), instant(rs, "last_ts"));
                }, datasetId, limit);
        List<ActivityWindow> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    public long aggregateRows() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM access_aggregates", Long.class);
        return n == null ? 0 : n;
    }
}
