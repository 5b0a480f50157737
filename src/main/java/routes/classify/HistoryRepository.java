package routes.classify;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import routes.catalog.Tier;
import routes.plan.sim.DatasetHistory;

/** Every dataset's access aggregates folded into days (UTC), from its creation to today: the history
 *  the tiering model trains on and classifies from. */
public final class HistoryRepository {

    private static final long DAY_MS = 86_400_000L;

    /** One dataset's days with what the catalog says about it now. */
    public record Series(long datasetId, Tier currentTier, long sizeBytes, DatasetHistory.Days days) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public HistoryRepository(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public List<Series> all() {
        long today = Math.floorDiv(clock.millis(), DAY_MS);
        Map<Long, Series> out = new LinkedHashMap<>();
        // history may predate the catalog entry (events posted with past timestamps): start at the earlier
        jdbc.query("SELECT d.id, d.current_tier, d.size_bytes, d.created_at, "
                + "(SELECT MIN(window_start) FROM access_aggregates a WHERE a.dataset_id = d.id) AS first_window "
                + "FROM datasets d ORDER BY d.id", rs -> {
            long since = rs.getObject("first_window") == null ? rs.getLong("created_at")
                    : Math.min(rs.getLong("created_at"), rs.getLong("first_window"));
            long first = Math.min(today, Math.floorDiv(since, DAY_MS));
            int len = (int) (today - first + 1);
            long size = rs.getLong("size_bytes");
            long[] sizes = new long[len];
            java.util.Arrays.fill(sizes, size);
            out.put(rs.getLong("id"), new Series(rs.getLong("id"), Tier.of(rs.getString("current_tier")), size,
                    new DatasetHistory.Days(first, new int[len], new long[len], new int[len], sizes)));
        });
        jdbc.query("SELECT dataset_id, window_start / ? AS day, SUM(read_count) AS r, SUM(read_bytes) AS rb, "
                + "SUM(write_count) AS w FROM access_aggregates GROUP BY dataset_id, day", rs -> {
                    Series s = out.get(rs.getLong("dataset_id"));
                    if (s != null) {
                        int t = (int) (rs.getLong("day") - s.days().firstDay());
                        if (t >= 0 && t < s.days().length()) {
                            s.days().reads()[t] += rs.getInt("r");
                            s.days().readBytes()[t] += rs.getLong("rb");
                            s.days().writes()[t] += rs.getInt("w");
                        }
                    }
                }, DAY_MS);
        return new ArrayList<>(out.values());
    }
}
