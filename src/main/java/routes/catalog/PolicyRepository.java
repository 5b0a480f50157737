package routes.catalog;

import static routes.catalog.Timestamps.instant;
import static routes.catalog.Timestamps.nullableDouble;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/** SQL for the policies table. Region lists are stored comma-separated (region names hold no commas). */
public final class PolicyRepository {

    private static final RowMapper<Policy> ROW = (rs, n) -> new Policy(rs.getLong("id"), rs.getString("name"),
            nullableDouble(rs, "latency_slo_ms"), nullableDouble(rs, "max_cost_per_gb_month"),
            rs.getInt("min_redundancy"), rs.getInt("encryption_required") == 1, regions(rs.getString("preferred_regions")),
            regions(rs.getString("excluded_regions")), Policy.Mode.of(rs.getString("mode")),
            instant(rs, "created_at"), instant(rs, "updated_at"));

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public PolicyRepository(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Stores a new policy from {@code p} (its id and times are ignored). */
    public Policy insert(Policy p) {
        long now = clock.millis();
        Long id = jdbc.queryForObject("INSERT INTO policies (name, latency_slo_ms, max_cost_per_gb_month, "
                        + "min_redundancy, encryption_required, preferred_regions, excluded_regions, mode, created_at, "
                        + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                Long.class, p.name(), p.latencySloMs(), p.maxCostPerGbMonth(), p.minRedundancy(),
                p.encryptionRequired() ? 1 : 0, joined(p.preferredRegions()), joined(p.excludedRegions()),
                p.mode().json(), now, now);
        return find(id).orElseThrow();
    }

    /** Replaces every field of policy {@code p.id()}. */
    public Policy update(Policy p) {
        jdbc.update("UPDATE policies SET name = ?, latency_slo_ms = ?, max_cost_per_gb_month = ?, min_redundancy = ?, "
                        + "encryption_required = ?, preferred_regions = ?, excluded_regions = ?, mode = ?, updated_at = ? "
                        + "WHERE id = ?", p.name(), p.latencySloMs(), p.maxCostPerGbMonth(), p.minRedundancy(),
                p.encryptionRequired() ? 1 : 0, joined(p.preferredRegions()), joined(p.excludedRegions()),
                p.mode().json(), clock.millis(), p.id());
        return find(p.id()).orElseThrow();
    }

    public Optional<Policy> find(long id) {
        return jdbc.query("SELECT * FROM policies WHERE id = ?", ROW, id).stream().findFirst();
    }

    public Optional<Policy> findByName(String name) {
        return jdbc.query("SELECT * FROM policies WHERE name = ?", ROW, name).stream().findFirst();
    }

    /** The policy a dataset is placed under: its own, else the global one (named "default"), else none. */
    public Optional<Policy> governing(Long policyId) {
        return policyId != null ? find(policyId) : findByName(Policy.GLOBAL);
    }

    public List<Policy> all() {
        return jdbc.query("SELECT * FROM policies ORDER BY id", ROW);
    }

    private static String joined(List<String> regions) {
        return regions.isEmpty() ? null : String.join(",", regions);
    }

    private static List<String> regions(String stored) {
        return stored == null || stored.isBlank() ? List.of() : Arrays.asList(stored.split(","));
    }
}
