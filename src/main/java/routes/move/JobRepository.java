package routes.move;

import static routes.catalog.Timestamps.instant;
import static routes.catalog.Timestamps.nullableInt;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.support.TransactionTemplate;
import routes.catalog.Tier;

/** SQL for migration_jobs, its manifest (job_objects) and its timeline (job_events). */
public final class JobRepository {

    private static final RowMapper<MigrationJob> ROW = (rs, n) -> new MigrationJob(rs.getLong("id"),
            rs.getString("job_key"), rs.getLong("dataset_id"), rs.getString("source_uri"), rs.getString("target_uri"),
            Tier.of(rs.getString("storage_class")), JobKind.of(rs.getString("kind")), JobState.of(rs.getString("state")), rs.getInt("attempt"),
            rs.getLong("bytes_done"), rs.getLong("bytes_total"), rs.getInt("objects_done"), rs.getInt("objects_total"),
            rs.getString("checksum_sha256"),
            rs.getString("error"), rs.getInt("inject_failure") == 1, nullableInt(rs, "inject_after_objects"),
            instant(rs, "switched_at"),
            instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "started_at"),
            instant(rs, "finished_at"), null, null);

    private static final RowMapper<MigrationJob.ManifestEntry> MANIFEST_ROW = (rs, n) -> new MigrationJob.ManifestEntry(
            rs.getString(1), rs.getLong(2), rs.getString(3), rs.getInt(4) == 1, rs.getString(5));

    private static final String ACTIVE = "state NOT IN ('completed', 'failed')";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    public JobRepository(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    /** Stores a queued job unless one with the same key exists; true when this call created it. */
    public boolean insertQueued(String jobKey, JobKind kind, long datasetId, String source, String target,
                                Tier storageClass, long bytesTotal) {
        long now = clock.millis();
        return jdbc.update("INSERT INTO migration_jobs (job_key, kind, dataset_id, source_uri, target_uri, "
                        + "storage_class, state, bytes_total, created_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?) ON CONFLICT (job_key) DO NOTHING", jobKey,
                kind.json(), datasetId, source, target, storageClass.json(), bytesTotal, now, now) == 1;
    }

    public Optional<MigrationJob> find(long id) {
        return jdbc.query("SELECT * FROM migration_jobs WHERE id = ?", ROW, id).stream().findFirst();
    }

    public Optional<MigrationJob> findByKey(String jobKey) {
        return jdbc.query("SELECT * FROM migration_jobs WHERE job_key = ?", ROW, jobKey).stream().findFirst();
    }

    /** The latest completed move that brought a dataset to this location and class. */
    public Optional<MigrationJob> completedTo(long datasetId, String targetUri, Tier storageClass) {
        return jdbc.query("SELECT * FROM migration_jobs WHERE dataset_id = ? AND target_uri = ? AND storage_class = ? "
                + "AND kind = 'move' AND state = 'completed' ORDER BY id DESC LIMIT 1", ROW, datasetId, targetUri, storageClass.json())
                .stream().findFirst();
    }

    public Optional<MigrationJob> activeFor(long datasetId) {
        return jdbc.query("SELECT * FROM migration_jobs WHERE dataset_id = ? AND " + ACTIVE, ROW, datasetId)
                .stream().findFirst();
    }

    /** How many jobs are planned or running, whoever planned them. */
    public long countActive() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM migration_jobs WHERE " + ACTIVE, Long.class);
        return n == null ? 0 : n;
    }

    /** When each dataset last switched to a new location (datasets that never moved are absent). */
    public Map<Long, Instant> lastSwitches() {
        Map<Long, Instant> out = new HashMap<>();
        jdbc.query("SELECT dataset_id, MAX(switched_at) AS at FROM migration_jobs WHERE switched_at IS NOT NULL "
                + "GROUP BY dataset_id", rs -> {
                    out.put(rs.getLong("dataset_id"), Instant.ofEpochMilli(rs.getLong("at")));
                });
        return out;
    }

    public List<MigrationJob> page(JobState state, Long datasetId, int limit, int offset) {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT * FROM migration_jobs" + where(state, datasetId, args) + " ORDER BY id DESC LIMIT ? OFFSET ?";
        args.add(limit);
        args.add(offset);
        return jdbc.query(sql, ROW, args.toArray());
    }

    public long count(JobState state, Long datasetId) {
        List<Object> args = new ArrayList<>();
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM migration_jobs" + where(state, datasetId, args), Long.class,
                args.toArray());
        return n == null ? 0 : n;
    }

    /** The filters given, as a WHERE clause and its arguments (a typed parameter for each). */
    private static String where(JobState state, Long datasetId, List<Object> args) {
        StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
        if (state != null) {
            sql.append(" AND state = ?");
            args.add(state.json());
        }
        if (datasetId != null) {
            sql.append(" AND dataset_id = ?");
            args.add(datasetId);
        }
        return sql.toString();
    }

    /** Leases the job to {@code owner} until {@code until} when it is unfinished and free: never
     *  leased, already this owner's, or its lease expired. One conditional UPDATE, so of two
     *  instances reaching for one job exactly one gets it. */
    public boolean lease(long id, String owner, long now, long until) {
        return jdbc.update("UPDATE migration_jobs SET owner = ?, lease_until = ? WHERE id = ? AND " + ACTIVE
                + " AND (owner IS NULL OR owner = ? OR lease_until < ?)", owner, until, id, owner, now) == 1;
    }

    /** Extends the leases {@code owner} holds on these jobs. */
    public void renewLeases(String owner, java.util.Collection<Long> ids, long until) {
        jdbc.batchUpdate("UPDATE migration_jobs SET lease_until = ? WHERE id = ? AND owner = ?",
                ids.stream().map(id -> new Object[] {until, id, owner}).toList());
    }

    /** Unfinished jobs nobody is running: leased to {@code owner} (a previous run of this instance,
     *  which died), or whose lease expired (another instance died), or taken from Kafka into the
     *  ledger before {@code takenBefore} and never leased (the taker died in between); their Kafka
     *  record will not come again. */
    public List<MigrationJob> abandoned(String owner, long now, String ledgerName, Instant takenBefore) {
        return jdbc.query("SELECT j.* FROM migration_jobs j WHERE j." + ACTIVE + " AND (j.owner = ? OR j.lease_until < ? "
                + "OR (j.owner IS NULL AND EXISTS (SELECT 1 FROM CAMEL_MESSAGEPROCESSED m WHERE m.processorName = ? "
                + "AND m.messageId = j.job_key || '#' || j.attempt AND m.createdAt < ?))) ORDER BY j.id", ROW,
                owner, now, ledgerName, Timestamp.from(takenBefore));
    }

    /** Moves a job this owner holds to {@code state}; false when it is not (or no longer) the owner's. */
    public boolean enter(long id, JobState state, String owner) {
        long now = clock.millis();
        return jdbc.update("UPDATE migration_jobs SET state = ?, updated_at = ?, started_at = COALESCE(started_at, ?) "
                + "WHERE id = ? AND owner = ?", state.json(), now, now, id, owner) == 1;
    }

    /** Ends a job that is this owner's or nobody's; false when another instance holds it. */
    public boolean finish(long id, JobState state, String error, String owner) {
        long now = clock.millis();
        return jdbc.update("UPDATE migration_jobs SET state = ?, error = ?, updated_at = ?, finished_at = ?, "
                + "lease_until = NULL WHERE id = ? AND (owner IS NULL OR owner = ?)",
                state.json(), error, now, now, id, owner) == 1;
    }

    public void progress(long id, long bytesDone, long bytesTotal, int objectsDone, int objectsTotal) {
        jdbc.update("UPDATE migration_jobs SET bytes_done = ?, bytes_total = ?, objects_done = ?, objects_total = ?, "
                + "updated_at = ? WHERE id = ?", bytesDone, bytesTotal, objectsDone, objectsTotal, clock.millis(), id);
    }

    public void copied(long id, String checksum) {
        jdbc.update("UPDATE migration_jobs SET checksum_sha256 = ?, updated_at = ? WHERE id = ?",
                checksum, clock.millis(), id);
    }

    /** Marks the switch, first in the switch transaction: the row stays locked until it commits, and
     *  only the owner of the job's lease, once, gets true. */
    public boolean markSwitched(long id, String owner) {
        long now = clock.millis();
        return jdbc.update("UPDATE migration_jobs SET switched_at = ?, updated_at = ? WHERE id = ? AND owner = ? "
                + "AND switched_at IS NULL", now, now, id, owner) == 1;
    }

    /** The job's next step fails; or, with {@code afterObjects}, its copy fails once that many
     *  objects are at the target. Either stays until the job is retried. */
    public void injectFailure(long id, Integer afterObjects) {
        if (afterObjects == null) {
            jdbc.update("UPDATE migration_jobs SET inject_failure = 1, updated_at = ? WHERE id = ?", clock.millis(), id);
        } else {
            jdbc.update("UPDATE migration_jobs SET inject_after_objects = ?, updated_at = ? WHERE id = ?", afterObjects,
                    clock.millis(), id);
        }
    }

    /** Puts a failed job back in the queue as a new attempt. */
    public boolean requeue(long id) {
        return jdbc.update("UPDATE migration_jobs SET state = 'queued', attempt = attempt + 1, error = NULL, "
                + "inject_failure = 0, inject_after_objects = NULL, bytes_done = 0, objects_done = 0, finished_at = NULL, "
                + "owner = NULL, lease_until = NULL, updated_at = ? "
                + "WHERE id = ? AND state = 'failed'", clock.millis(), id) == 1;
    }

    /**
     * Records copied objects (inserted, or replacing what an earlier attempt recorded) and marks others
     * verified, in one transaction: committing each row on its own made a batch about four times slower
     * on SQLite.
     */
    public void recordManifest(long jobId, List<MigrationJob.ManifestEntry> copied, List<String> verified) {
        tx.executeWithoutResult(status -> {
            if (!copied.isEmpty()) {
                recordObjects(jobId, copied);
            }
            if (!verified.isEmpty()) {
                markVerified(jobId, verified);
            }
        });
    }

    /** Copied objects (key, size, SHA-256, the target store's checksum), not yet verified. */
    private void recordObjects(long jobId, List<MigrationJob.ManifestEntry> entries) {
        jdbc.batchUpdate("INSERT INTO job_objects (job_id, object_key, size_bytes, sha256, verified, store_checksum) "
                + "VALUES (?, ?, ?, ?, 0, ?) ON CONFLICT (job_id, object_key) DO UPDATE SET size_bytes = "
                + "excluded.size_bytes, sha256 = excluded.sha256, verified = 0, store_checksum = excluded.store_checksum",
                entries.stream().map(e -> new Object[] {jobId, e.objectKey(), e.sizeBytes(), e.sha256(),
                        e.storeChecksum()}).toList());
    }

    private void markVerified(long jobId, List<String> keys) {
        jdbc.batchUpdate("UPDATE job_objects SET verified = 1 WHERE job_id = ? AND object_key = ?",
                keys.stream().map(k -> new Object[] {jobId, k}).toList());
    }

    public void forgetObjects(long jobId) {
        jdbc.update("DELETE FROM job_objects WHERE job_id = ?", jobId);
    }

    /** Up to {@code limit} manifest rows in key order, after the key {@code after} (null: from the first). */
    public List<MigrationJob.ManifestEntry> objects(long jobId, String after, int limit) {
        return page(jobId, false, after, limit);
    }

    /** The whole manifest: for a manifest that must be summed in String order the database cannot give. */
    List<MigrationJob.ManifestEntry> allObjects(long jobId) {
        return jdbc.query("SELECT object_key, size_bytes, sha256, verified, store_checksum FROM job_objects WHERE job_id = ? "
                + "ORDER BY object_key", MANIFEST_ROW, jobId);
    }

    /** A manifest in three numbers: objects, how many of them verified, and their bytes. */
    public record ManifestTotals(long objects, long verified, long bytes) {
        public boolean allVerified() {
            return objects > 0 && verified == objects;
        }
    }

    /** The manifest's totals in one query, whatever its size. */
    public ManifestTotals manifestTotals(long jobId) {
        return jdbc.queryForObject("SELECT COUNT(*), COALESCE(SUM(verified), 0), COALESCE(SUM(size_bytes), 0) "
                + "FROM job_objects WHERE job_id = ?", (rs, i) -> new ManifestTotals(rs.getLong(1), rs.getLong(2),
                rs.getLong(3)), jobId);
    }

    /** How many objects not yet verified have a checksum the target store should report. */
    int countUnverifiedWithStoreChecksum(long jobId) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM job_objects WHERE job_id = ? AND verified = 0 "
                + "AND store_checksum IS NOT NULL", Integer.class, jobId);
        return n == null ? 0 : n;
    }

    /** How many objects the manifest holds. */
    public int countObjects(long jobId) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM job_objects WHERE job_id = ?", Integer.class, jobId);
        return n == null ? 0 : n;
    }

    /** The manifest rows of these keys (at most a page of them), by key. */
    public Map<String, MigrationJob.ManifestEntry> objects(long jobId, List<String> keys) {
        Map<String, MigrationJob.ManifestEntry> out = new HashMap<>();
        // a few hundred parameters per statement: every database takes that many
        for (int from = 0; from < keys.size(); from += 500) {
            List<String> some = keys.subList(from, Math.min(keys.size(), from + 500));
            List<Object> args = new ArrayList<>(some.size() + 1);
            args.add(jobId);
            args.addAll(some);
            jdbc.query("SELECT object_key, size_bytes, sha256, verified, store_checksum FROM job_objects WHERE job_id = ? AND "
                    + "object_key IN (" + String.join(", ", java.util.Collections.nCopies(some.size(), "?")) + ")",
                    rs -> {
                        MigrationJob.ManifestEntry e = MANIFEST_ROW.mapRow(rs, 0);
                        out.put(e.objectKey(), e);
                    }, args.toArray());
        }
        return out;
    }

    /** Hands the manifest to {@code each} in the database's key order, {@code pageSize} rows per query
     *  (the next page starts after the last key seen), so memory is one page whatever its size;
     *  {@code unverifiedOnly}: only rows not yet verified. */
    void forEachObject(long jobId, boolean unverifiedOnly, int pageSize, Parallel.IoWork<MigrationJob.ManifestEntry> each)
            throws IOException {
        for (String after = null; ; ) {
            List<MigrationJob.ManifestEntry> page = page(jobId, unverifiedOnly, after, pageSize);
            for (MigrationJob.ManifestEntry e : page) {
                each.run(e);
            }
            if (page.size() < pageSize) {
                return;
            }
            after = page.get(page.size() - 1).objectKey();
        }
    }

    /** One keyset page of the manifest: the rows after {@code after} in key order. */
    private List<MigrationJob.ManifestEntry> page(long jobId, boolean unverifiedOnly, String after, int limit) {
        String select = "SELECT object_key, size_bytes, sha256, verified, store_checksum FROM job_objects WHERE job_id = ?"
                + (unverifiedOnly ? " AND verified = 0" : "");
        return after == null
                ? jdbc.query(select + " ORDER BY object_key LIMIT ?", MANIFEST_ROW, jobId, limit)
                : jdbc.query(select + " AND object_key > ? ORDER BY object_key LIMIT ?", MANIFEST_ROW, jobId, after,
                limit);
    }

    public void recordEvent(StatusEvent e) {
        jdbc.update("INSERT INTO job_events (job_id, attempt, state, bytes_done, bytes_total, message, ts) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", e.jobId(), e.attempt(),
                e.state().json(), e.bytesDone(), e.bytesTotal(), e.error(), e.ts().toEpochMilli());
    }

    public List<MigrationJob.JobEvent> events(long jobId) {
        return jdbc.query("SELECT state, bytes_done, bytes_total, message, ts FROM job_events WHERE job_id = ? "
                        + "ORDER BY id", (rs, n) -> new MigrationJob.JobEvent(JobState.of(rs.getString(1)),
                        rs.getLong(2), rs.getLong(3), rs.getString(4), instant(rs, "ts")), jobId);
    }
}
