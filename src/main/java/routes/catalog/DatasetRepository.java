package routes.catalog;

import static routes.catalog.Timestamps.instant;
import static routes.catalog.Timestamps.nullableLong;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** SQL for the datasets and replicas tables. */
public final class DatasetRepository {

    private static final String COLUMNS =
            "id, name, path_uri, size_bytes, current_tier, policy_id, checksum_sha256, last_access_ts, created_at, updated_at";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final Clock clock;

    public DatasetRepository(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.clock = clock;
    }

    /** Inserts a dataset and its primary replica; runs inside the caller's transaction. */
    public long insert(String name, String pathUri, long sizeBytes, Tier tier, String storageClass, Long policyId,
                       String checksum) {
        long now = clock.millis();
        Long id = jdbc.queryForObject("INSERT INTO datasets (name, path_uri, size_bytes, current_tier, policy_id, "
                        + "checksum_sha256, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                Long.class, name, pathUri, sizeBytes, tier.json(), policyId, checksum, now, now);
        jdbc.update("INSERT INTO replicas (dataset_id, uri, storage_class, checksum_sha256, size_bytes, is_primary, "
                + "created_at) VALUES (?, ?, ?, ?, ?, 1, ?)", id, pathUri, storageClass, checksum, sizeBytes, now);
        return id;
    }

    public Optional<Dataset> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM datasets WHERE id = ?", DatasetRepository::row, id)
                .stream().findFirst();
    }

    public Optional<Dataset> findWithReplicas(long id) {
        return find(id).map(d -> d.withReplicas(replicas(id)));
    }

    public boolean nameTaken(String name) {
        return count("SELECT COUNT(*) FROM datasets WHERE name = ?", name) > 0;
    }

    /**
     * A location of data the service manages that is {@code uri}, lies inside it, or holds it: a dataset's
     * primary or replica, or the target of a job still in flight. Such places are one dataset's alone: a
     * second dataset there would see, move or delete the first one's objects. Both sides are in their
     * canonical spelling, so a string comparison is a path comparison; a location "inside" is one under
     * {@code uri + "/"}, and those "holding" it are its parents, looked up by name.
     */
    public Optional<String> overlapping(String uri) {
        return overlapping(uri, 0);
    }

    /** As {@link #overlapping(String)}, but for the locations of datasets other than {@code datasetId}. */
    public Optional<String> overlappingOthers(String uri, long datasetId) {
        return overlapping(uri, datasetId);
    }

    private Optional<String> overlapping(String uri, long ignoredDataset) {
        List<String> around = new ArrayList<>(parents(uri));
        around.add(uri);
        return firstManaged("dataset_id <> :ignored AND (location IN (:around) "
                + "OR substr(location, 1, :length) = :under)", new MapSqlParameterSource("around", around)
                .addValue("ignored", ignoredDataset).addValue("under", uri + "/").addValue("length", uri.length() + 1));
    }

    /** A location of data the service manages (a replica, or the target of a job in flight) that starts
     *  with {@code prefix}. */
    public Optional<String> anyUnder(String prefix) {
        return firstManaged("substr(location, 1, :length) = :prefix",
                new MapSqlParameterSource("prefix", prefix).addValue("length", prefix.length()));
    }

    /** The first location of managed data, a replica or the target of a job in flight, that meets
     *  {@code condition} (on its {@code dataset_id} and {@code location}). Prefixes are compared with
     *  {@code substr}, which means the same on SQLite and PostgreSQL under any collation. */
    private Optional<String> firstManaged(String condition, MapSqlParameterSource parameters) {
        return named.queryForList("SELECT location FROM (SELECT dataset_id, uri AS location FROM replicas UNION ALL "
                + "SELECT dataset_id, target_uri FROM migration_jobs WHERE state NOT IN ('completed', 'failed')) "
                + "AS managed WHERE " + condition + " LIMIT 1", parameters, String.class).stream().findFirst();
    }

    /** The locations that hold {@code uri}: {@code s3://b/x/y} has {@code s3://b/x} and {@code s3://b}. */
    private static List<String> parents(String uri) {
        List<String> parents = new ArrayList<>();
        int root = uri.indexOf("://") + 3;
        for (int cut = uri.lastIndexOf('/'); cut > root; cut = uri.lastIndexOf('/', cut - 1)) {
            parents.add(uri.substring(0, cut));
        }
        return parents;
    }

    public List<Dataset> page(int limit, int offset) {
        return jdbc.query("SELECT " + COLUMNS + " FROM datasets ORDER BY id LIMIT ? OFFSET ?",
                DatasetRepository::row, limit, offset);
    }

    public List<Dataset> all() {
        return jdbc.query("SELECT " + COLUMNS + " FROM datasets ORDER BY id", DatasetRepository::row);
    }

    public long total() {
        return count("SELECT COUNT(*) FROM datasets");
    }

    /** The ids among {@code ids} that exist. */
    public List<Long> existing(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return named.queryForList("SELECT id FROM datasets WHERE id IN (:ids)",
                new MapSqlParameterSource("ids", ids), Long.class);
    }

    public void rename(long id, String name) {
        jdbc.update("UPDATE datasets SET name = ?, updated_at = ? WHERE id = ?", name, clock.millis(), id);
    }

    public void setPolicy(long id, Long policyId) {
        jdbc.update("UPDATE datasets SET policy_id = ?, updated_at = ? WHERE id = ?", policyId, clock.millis(), id);
    }

    /** Records freshly written data at the dataset's current location. */
    public void seeded(long id, long sizeBytes, String checksum) {
        long now = clock.millis();
        jdbc.update("UPDATE datasets SET size_bytes = ?, checksum_sha256 = ?, updated_at = ? WHERE id = ?",
                sizeBytes, checksum, now, id);
        jdbc.update("UPDATE replicas SET size_bytes = ?, checksum_sha256 = ? WHERE dataset_id = ? AND is_primary = 1",
                sizeBytes, checksum, id);
    }

    /** Moves the primary to a new location: the switch of a migration. Caller holds the transaction. */
    public void switchPrimary(long id, String uri, Tier tier, String storageClass, long sizeBytes, String checksum) {
        long now = clock.millis();
        jdbc.update("DELETE FROM replicas WHERE dataset_id = ? AND uri = ?", id, uri);
        jdbc.update("UPDATE replicas SET is_primary = 0 WHERE dataset_id = ? AND is_primary = 1", id);
        jdbc.update("INSERT INTO replicas (dataset_id, uri, storage_class, checksum_sha256, size_bytes, is_primary, "
                + "created_at) VALUES (?, ?, ?, ?, ?, 1, ?)", id, uri, storageClass, checksum, sizeBytes, now);
        jdbc.update("UPDATE datasets SET path_uri = ?, current_tier = ?, size_bytes = ?, checksum_sha256 = ?, "
                + "updated_at = ? WHERE id = ?", uri, tier.json(), sizeBytes, checksum, now, id);
    }

    /** Records a verified copy as a secondary replica; the primary stays. Caller holds the transaction. */
    public void addSecondary(long id, String uri, String storageClass, long sizeBytes, String checksum) {
        jdbc.update("INSERT INTO replicas (dataset_id, uri, storage_class, checksum_sha256, size_bytes, is_primary, "
                + "created_at) VALUES (?, ?, ?, ?, ?, 0, ?)", id, uri, storageClass, checksum, sizeBytes, clock.millis());
    }

    /** The locations of every dataset's secondary replicas, by dataset. */
    public Map<Long, List<String>> secondaryUris() {
        Map<Long, List<String>> out = new HashMap<>();
        jdbc.query("SELECT dataset_id, uri FROM replicas WHERE is_primary = 0 ORDER BY id",
                rs -> { out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2)); });
        return out;
    }

    /** Forgets a replica whose data has been deleted. */
    public void dropReplica(long id, String uri) {
        jdbc.update("DELETE FROM replicas WHERE dataset_id = ? AND uri = ? AND is_primary = 0", id, uri);
    }

    /** Every secondary replica with the tier its dataset's primary is in (for a replica whose class no
     *  store tier names any more), as {@code each} receives them. */
    public void forEachSecondary(SecondaryReplica each) {
        jdbc.query("SELECT r.uri, r.storage_class, r.size_bytes, d.current_tier FROM replicas r "
                + "JOIN datasets d ON d.id = r.dataset_id WHERE r.is_primary = 0", rs -> {
                    each.accept(rs.getString("uri"), rs.getString("storage_class"), rs.getLong("size_bytes"),
                            Tier.of(rs.getString("current_tier")));
                });
    }

    /** Receives one secondary replica. */
    @FunctionalInterface
    public interface SecondaryReplica {
        void accept(String uri, String storageClass, long sizeBytes, Tier primaryTier);
    }

    /** The replicas of these datasets (a page of them), by dataset, primary first. */
    public Map<Long, List<Replica>> replicas(List<Long> datasetIds) {
        Map<Long, List<Replica>> out = new HashMap<>();
        for (int from = 0; from < datasetIds.size(); from += 500) {
            List<Long> some = datasetIds.subList(from, Math.min(datasetIds.size(), from + 500));
            jdbc.query("SELECT id, dataset_id, uri, storage_class, checksum_sha256, size_bytes, is_primary, created_at "
                    + "FROM replicas WHERE dataset_id IN (" + String.join(", ", Collections.nCopies(some.size(), "?"))
                    + ") ORDER BY dataset_id, is_primary DESC, id", rs -> {
                        Replica r = REPLICA.mapRow(rs, 0);
                        out.computeIfAbsent(r.datasetId(), k -> new ArrayList<>()).add(r);
                    }, some.toArray());
        }
        return out;
    }

    public List<Replica> replicas(long datasetId) {
        return jdbc.query("SELECT id, dataset_id, uri, storage_class, checksum_sha256, size_bytes, is_primary, "
                        + "created_at FROM replicas WHERE dataset_id = ? ORDER BY is_primary DESC, id", REPLICA,
                datasetId);
    }

    private static final RowMapper<Replica> REPLICA = (rs, n) -> new Replica(rs.getLong("id"),
            rs.getLong("dataset_id"), rs.getString("uri"), rs.getString("storage_class"),
            rs.getString("checksum_sha256"), rs.getLong("size_bytes"), rs.getInt("is_primary") == 1,
            instant(rs, "created_at"));

    private long count(String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }

    static Dataset row(ResultSet rs, int n) throws SQLException {
        return new Dataset(rs.getLong("id"), rs.getString("name"), rs.getString("path_uri"), rs.getLong("size_bytes"),
                Tier.of(rs.getString("current_tier")), nullableLong(rs, "policy_id"), rs.getString("checksum_sha256"),
                instant(rs, "last_access_ts"), instant(rs, "created_at"), instant(rs, "updated_at"), null);
    }
}
