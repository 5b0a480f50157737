package routes.catalog;

import static routes.catalog.Timestamps.instant;
import static routes.catalog.Timestamps.nullableDouble;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/** SQL for the policies table. */
public final class PolicyRepository {

    private static final RowMapper<Policy> ROW = (rs, n) -> new Policy(rs.getLong("id"), rs.getString("name"),
            nullableDouble(rs, "latency_slo_ms"), nullableDouble(rs, "max_cost_per_gb_month"),
            rs.getInt("min_redundancy"), instant(rs, "created_at"), instant(rs, "updated_at"));

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public PolicyRepository(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Policy insert(String name, Double latencySloMs, Double maxCostPerGbMonth, int minRedundancy) {
        long now = clock.millis();
        Long id = jdbc.queryForObject("INSERT INTO policies (name, latency_slo_ms, max_cost_per_gb_month, "
                        + "min_redundancy, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                Long.class, name, latencySloMs, maxCostPerGbMonth, minRedundancy, now, now);
        return find(id).orElseThrow();
    }

    public Optional<Policy> find(long id) {
        return jdbc.query("SELECT * FROM policies WHERE id = ?", ROW, id).stream().findFirst();
    }

    public Optional<Policy> findByName(String name) {
        return jdbc.query("SELECT * FROM policies WHERE name = ?", ROW, name).stream().findFirst();
    }

    public List<Policy> all() {
        return jdbc.query("SELECT * FROM policies ORDER BY id", ROW);
    }
}
