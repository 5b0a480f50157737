package routes.ingest;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Folds a batch of events into per-dataset, per-window aggregates and writes them in one
 * transaction with batched upserts, together with the next offset of each partition. A record at
 * or below a stored offset was already counted (a redelivery after a crash), so it is skipped; an
 * event whose id was counted within the retention (a client that posted it twice) is skipped too:
 * every acknowledged event is counted exactly once.
 */
public final class AggregateWriter {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final long windowMs;
    private final Clock clock;
    private final long eventIdRetentionMs;

    public AggregateWriter(JdbcTemplate jdbc, TransactionTemplate tx, Duration window, Clock clock,
                           Duration eventIdRetention) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.windowMs = window.toMillis();
        this.clock = clock;
        this.eventIdRetentionMs = eventIdRetention.toMillis();
    }

    /** Writes the batch; returns how many events were newly counted. */
    public int write(List<ConsumedEvent> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        Integer counted = tx.execute(s -> {
            Map<String, Long> nextOffsets = storedOffsets(batch);
            Map<String, Long> advanced = new HashMap<>();
            Set<String> records = new HashSet<>();
            List<ConsumedEvent> fresh = new ArrayList<>(batch.size());
            for (ConsumedEvent c : batch) {
                String tp = c.topic() + "/" + c.partition();
                // a batch can hold a record twice (re-fetched after a rebalance handed its partition back)
                if (c.offset() >= nextOffsets.getOrDefault(tp, 0L) && records.add(tp + "@" + c.offset())) {
                    advanced.merge(tp, c.offset() + 1, Math::max);
                    fresh.add(c);
                }
            }
            Set<String> countedBefore = countedEventIds(fresh);
            Set<String> countedNow = new HashSet<>();
            Map<WindowKey, Window> windows = new LinkedHashMap<>();
            Map<Long, Long> lastAccess = new HashMap<>();
            int n = 0;
            for (ConsumedEvent c : fresh) {
                AccessEvent e = c.event();
                if (e.eventId() != null && (countedBefore.contains(e.eventId()) || !countedNow.add(e.eventId()))) {
                    continue;
                }
                long ts = e.ts().toEpochMilli();
                windows.computeIfAbsent(new WindowKey(e.datasetId(), ts - Math.floorMod(ts, windowMs)),
                        k -> new Window()).add(e, ts);
                lastAccess.merge(e.datasetId(), ts, Math::max);
                n++;
            }
            upsertWindows(windows);
            updateLastAccess(lastAccess);
            storeOffsets(advanced);
            return n;
        });
        return counted == null ? 0 : counted;
    }

    /** Records the batch's event ids; returns those counted by an earlier batch (within the retention). */
    private Set<String> countedEventIds(List<ConsumedEvent> events) {
        long now = clock.millis();
        jdbc.update("DELETE FROM ingest_event_ids WHERE seen_at < ?", now - eventIdRetentionMs);
        List<String> ids = events.stream().map(c -> c.event().eventId()).filter(id -> id != null).distinct().toList();
        Set<String> counted = new HashSet<>();
        int[] inserted = jdbc.batchUpdate("INSERT INTO ingest_event_ids (event_id, seen_at) VALUES (?, ?) "
                + "ON CONFLICT (event_id) DO NOTHING", ids.stream().map(id -> new Object[] {id, now}).toList());
        for (int i = 0; i < inserted.length; i++) {
            if (inserted[i] == 0) {
                counted.add(ids.get(i));
            }
        }
        return counted;
    }

    private Map<String, Long> storedOffsets(List<ConsumedEvent> batch) {
        Map<String, Long> offsets = new HashMap<>();
        batch.stream().map(c -> c.topic() + "/" + c.partition()).distinct().forEach(tp -> {
            String[] parts = tp.split("/");
            jdbc.query("SELECT next_offset FROM ingest_offsets WHERE topic = ? AND partition = ?",
                    rs -> { offsets.put(tp, rs.getLong(1)); }, parts[0], Integer.parseInt(parts[1]));
        });
        return offsets;
    }

    private void upsertWindows(Map<WindowKey, Window> windows) {
        List<Object[]> rows = new ArrayList<>(windows.size());
        windows.forEach((k, w) -> rows.add(new Object[] {k.datasetId(), k.windowStart(), windowMs, w.reads, w.writes,
                w.readBytes, w.writeBytes, w.latencySum, w.latencyCount, w.latencyMax, w.firstTs, w.lastTs}));
        jdbc.batchUpdate("INSERT INTO access_aggregates (dataset_id, window_start, window_ms, read_count, write_count, "
                + "read_bytes, write_bytes, latency_sum_ms, latency_count, latency_max_ms, first_ts, last_ts) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (dataset_id, window_start) DO UPDATE SET "
                + "read_count = access_aggregates.read_count + excluded.read_count, "
                + "write_count = access_aggregates.write_count + excluded.write_count, "
                + "read_bytes = access_aggregates.read_bytes + excluded.read_bytes, "
                + "write_bytes = access_aggregates.write_bytes + excluded.write_bytes, "
                + "latency_sum_ms = access_aggregates.latency_sum_ms + excluded.latency_sum_ms, "
                + "latency_count = access_aggregates.latency_count + excluded.latency_count, "
                + "latency_max_ms = " + greater("access_aggregates.latency_max_ms", "excluded.latency_max_ms") + ", "
                + "first_ts = " + lesser("access_aggregates.first_ts", "excluded.first_ts") + ", "
                + "last_ts = " + greater("access_aggregates.last_ts", "excluded.last_ts") + "", rows);
    }

    private void updateLastAccess(Map<Long, Long> lastAccess) {
        List<Object[]> rows = new ArrayList<>(lastAccess.size());
        lastAccess.forEach((id, ts) -> rows.add(new Object[] {ts, id, ts}));
        jdbc.batchUpdate("UPDATE datasets SET last_access_ts = ? WHERE id = ? AND "
                + "(last_access_ts IS NULL OR last_access_ts < ?)", rows);
    }

    private void storeOffsets(Map<String, Long> advanced) {
        List<Object[]> rows = new ArrayList<>(advanced.size());
        advanced.forEach((tp, next) -> {
            String[] parts = tp.split("/");
            rows.add(new Object[] {parts[0], Integer.parseInt(parts[1]), next});
        });
        jdbc.batchUpdate("INSERT INTO ingest_offsets (topic, partition, next_offset) VALUES (?, ?, ?) "
                + "ON CONFLICT (topic, partition) DO UPDATE SET next_offset = "
                + greater("ingest_offsets.next_offset", "excluded.next_offset"), rows);
    }

    // portable two-value max/min: SQLite's MAX(a, b) is GREATEST(a, b) elsewhere
    private static String greater(String a, String b) {
        return "CASE WHEN " + a + " > " + b + " THEN " + a + " ELSE " + b + " END";
    }

    private static String lesser(String a, String b) {
        return "CASE WHEN " + a + " < " + b + " THEN " + a + " ELSE " + b + " END";
    }

    private record WindowKey(long datasetId, long windowStart) {
    }

    /** Running totals of one dataset's window within the batch. */
    private static final class Window {
        long reads;
        long writes;
        long readBytes;
        long writeBytes;
        double latencySum;
        long latencyCount;
        double latencyMax;
        long firstTs = Long.MAX_VALUE;
        long lastTs = Long.MIN_VALUE;

        void add(AccessEvent e, long ts) {
            if (e.isRead()) {
                reads++;
                readBytes += e.sizeBytes();
            } else {
                writes++;
                writeBytes += e.sizeBytes();
            }
            if (e.latencyMs() != null) {
                latencySum += e.latencyMs();
                latencyCount++;
                latencyMax = Math.max(latencyMax, e.latencyMs());
            }
            firstTs = Math.min(firstTs, ts);
            lastTs = Math.max(lastTs, ts);
        }
    }
}
