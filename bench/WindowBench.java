import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import routes.classify.ActivityRepository;
import routes.classify.HistoryRepository;
import routes.classify.LearnedClassifier;
import routes.classify.RecencyFrequencyClassifier;
import routes.classify.RecommendationRepository;
import routes.classify.Recommender;
import routes.classify.RuleParams;
import routes.classify.TieringModel;
import routes.infra.Database;
import routes.ingest.AccessEvent;
import routes.ingest.AggregateWriter;
import routes.ingest.ConsumedEvent;
import routes.plan.Decisions;
import routes.plan.sim.DatasetHistory;

/**
 * Per-window cost as the catalog grows (a figure, not a test); bench/window.sh starts PostgreSQL and runs it:
 *
 * <pre>java -Xmx8g -cp target/classes:$(cat cp.txt) bench/WindowBench.java --db-url=jdbc:postgresql://127.0.0.1:19432/ \
 *      [--sizes=10000,100000,1000000] [--poll=2000] [--history-days=30] [--sqlite-dir=DIR]</pre>
 *
 * For each size N, on a fresh database (CREATE DATABASE on PostgreSQL, or a new SQLite file with --sqlite-dir),
 * opened with routes.infra.Database (Flyway, the service's pool), and the service's own beans built as
 * DataInMotionConfiguration builds them (default settings):
 * 1. N datasets inserted with batched SQL (10,000 rows per transaction), created --history-days ago;
 * 2. (a) the aggregator: AggregateWriter.write of polls of --poll events (dim.ingest.max-poll-records), each
 *    event for another dataset with a unique event_id, until every dataset has been accessed once in the
 *    window: time per poll (median, max) and for the whole window;
 * 3. (b) the window-close pass with the rules: Recommender.recommendAll (the bean of direct:recommend-all),
 *    first when every dataset gets a new recommendation (N inserts), then again when nothing changed;
 * 4. (c) with a trained tree (TieringModel trained on 400 synthetic histories, installed with
 *    LearnedClassifier.use): HistoryRepository.all, LearnedClassifier.classifyAll (tree + placement of every
 *    dataset, no SQL writes), and Recommender.recommendAll with the tree (every dataset's advice is news: the
 *    model version changed).
 * Memory: the heap in use sampled every 5 ms during each call (MemoryMXBean, garbage included), after a
 * System.gc() before it: peak and peak minus the level before.
 */
public class WindowBench {

    static final MemoryMXBean MEM = ManagementFactory.getMemoryMXBean();

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            a.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        List<Integer> sizes = Arrays.stream(a.getOrDefault("sizes", "10000,100000,1000000").split(","))
                .map(Integer::parseInt).toList();
        int poll = Integer.parseInt(a.getOrDefault("poll", "2000"));
        int historyDays = Integer.parseInt(a.getOrDefault("history-days", "30"));
        String pgUrl = a.get("db-url");
        String sqliteDir = a.get("sqlite-dir");
        System.out.printf("window bench: sizes %s, polls of %d events, datasets created %d days ago, %s, max heap %d MiB%n",
                sizes, poll, historyDays, sqliteDir != null ? "SQLite" : "PostgreSQL", MEM.getHeapMemoryUsage().getMax() >> 20);
        for (int n : sizes) {
            String url;
            if (sqliteDir != null) {
                url = "jdbc:sqlite:" + sqliteDir + "/window-" + n + "-" + System.nanoTime() + ".db";
            } else {
                String db = "dim_window_" + n + "_" + (System.currentTimeMillis() % 100000);
                try (var c = java.sql.DriverManager.getConnection(pgUrl + "postgres", "dim", "");
                     var s = c.createStatement()) {
                    s.execute("CREATE DATABASE " + db);
                }
                url = pgUrl + db;
            }
            try (HikariDataSource ds = Database.open(url, sqliteDir != null ? "" : "dim", "")) {
                size(n, ds, poll, historyDays);
            }
        }
    }

    static void size(int n, HikariDataSource ds, int poll, int historyDays) throws Exception {
        Clock clock = Clock.systemUTC();
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
        System.out.printf("%n== %,d datasets%n", n);

        // 1. the catalog
        long created = clock.millis() - historyDays * 86_400_000L;
        long t0 = System.nanoTime();
        for (int from = 0; from < n; from += 10_000) {
            List<Object[]> rows = new ArrayList<>();
            for (int i = from; i < Math.min(n, from + 10_000); i++) {
                rows.add(new Object[] {"ds" + i, "file:///bench/ds" + i, 1_048_576L * (1 + i % 100), created, created});
            }
            tx.executeWithoutResult(s -> jdbc.batchUpdate("INSERT INTO datasets (name, path_uri, size_bytes, "
                    + "current_tier, created_at, updated_at) VALUES (?, ?, ?, 'hot', ?, ?)", rows));
        }
        List<Long> ids = jdbc.queryForList("SELECT id FROM datasets ORDER BY id", Long.class);
        System.out.printf(Locale.ROOT, "catalog: %,d datasets inserted in %.1f s%n", ids.size(), secs(t0));

        // 2. (a) the aggregator
        AggregateWriter writer = new AggregateWriter(jdbc, tx, Duration.ofMinutes(5), clock, Duration.ofDays(1));
        List<Double> perPoll = new ArrayList<>();
        Measured<Integer> window = measure(() -> {
            int counted = 0;
            long offset = 0;
            Instant now = clock.instant();
            for (int from = 0; from < ids.size(); from += poll) {
                List<ConsumedEvent> batch = new ArrayList<>(poll);
                for (int i = from; i < Math.min(ids.size(), from + poll); i++) {
                    batch.add(new ConsumedEvent("access_events", 0, offset++, new AccessEvent(ids.get(i), "read", 100,
                            now, 5.0, "bench", "w-" + n + "-" + i)));
                }
                long p0 = System.nanoTime();
                counted += writer.write(batch);
                perPoll.add(secs(p0));
            }
            return counted;
        });
        List<Double> sorted = perPoll.stream().sorted().toList();
        System.out.printf(Locale.ROOT, "(a) AggregateWriter.write: %,d polls of %d events (%d distinct datasets each): "
                        + "median %.1f ms, max %.1f ms per poll; whole window (every dataset once) %.1f s = %,.0f ev/s; "
                        + "%s; counted %,d%n", perPoll.size(), poll, poll, 1000 * sorted.get(sorted.size() / 2),
                1000 * sorted.get(sorted.size() - 1), window.seconds, n / window.seconds, window.heap(), window.value);

        // 3. (b) recommend-all with the rules
        ActivityRepository activity = new ActivityRepository(jdbc);
        RecommendationRepository recommendations = new RecommendationRepository(jdbc, clock);
        RecencyFrequencyClassifier rules = new RecencyFrequencyClassifier(new RuleParams(10, Duration.ofDays(1),
                Duration.ofDays(30), Duration.ofDays(7)), "rules-bench");
        Decisions decisions = Decisions.fromProperties(Decisions.defaultProperties());
        HistoryRepository history = new HistoryRepository(jdbc, clock);
        LearnedClassifier learned = new LearnedClassifier(history,
                decisions.placementWith(decisions.placement(), decisions.egressPerGb()), decisions.classes());
        Recommender recommender = new Recommender(activity, recommendations, rules, learned, tx, clock);
        Measured<Integer> first = measure(() -> recommender.recommendAll().size());
        System.out.printf(Locale.ROOT, "(b) Recommender.recommendAll, rules, every advice new: %.1f s, %,d recommendations; %s%n",
                first.seconds, first.value, first.heap());
        Measured<Integer> again = measure(() -> recommender.recommendAll().size());
        System.out.printf(Locale.ROOT, "(b) Recommender.recommendAll, rules, nothing changed: %.1f s, %,d recommendations; %s%n",
                again.seconds, again.value, again.heap());

        // 4. (c) with a tree: history, tree + placement per dataset, and the pass that stores it
        TieringModel model = new TieringModel(new TieringModel.Params(7, 7, 8, 1, 200, 0.7));
        learned.use(model.train(syntheticHistories(400, 60, clock)).model(), "tree-bench");
        Measured<Integer> hist = measure(() -> history.all().size());
        System.out.printf(Locale.ROOT, "(c) HistoryRepository.all: %.1f s, %,d series; %s%n", hist.seconds, hist.value,
                hist.heap());
        Measured<Integer> tree = measure(() -> learned.classifyAll().size());
        System.out.printf(Locale.ROOT, "(c) LearnedClassifier.classifyAll (tree + placement, no writes): %.1f s, %,d "
                + "datasets; %s%n", tree.seconds, tree.value, tree.heap());
        Measured<Integer> withTree = measure(() -> recommender.recommendAll().size());
        System.out.printf(Locale.ROOT, "(c) Recommender.recommendAll with the tree, every advice new: %.1f s, %,d "
                + "recommendations; %s%n", withTree.seconds, withTree.value, withTree.heap());
        System.out.printf(Locale.ROOT, "RESULT datasets=%d aggregate_window_s=%.2f aggregate_poll_ms=%.1f "
                        + "recommend_new_s=%.2f recommend_same_s=%.2f history_s=%.2f tree_s=%.2f recommend_tree_s=%.2f%n",
                n, window.seconds, 1000 * sorted.get(sorted.size() / 2), first.seconds, again.seconds, hist.seconds,
                tree.seconds, withTree.seconds);
    }

    /** Histories with some daily readers, some weekly, some idle, so the tree has all three labels. */
    static List<DatasetHistory.Days> syntheticHistories(int count, int days, Clock clock) {
        Random r = new Random(9);
        long today = Math.floorDiv(clock.millis(), 86_400_000L);
        List<DatasetHistory.Days> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int[] reads = new int[days];
            long[] bytes = new long[days];
            int[] writes = new int[days];
            long[] size = new long[days];
            Arrays.fill(size, 1_048_576L * (1 + r.nextInt(100)));
            int kind = i % 3;
            for (int d = 0; d < days; d++) {
                reads[d] = kind == 0 ? 5 + r.nextInt(10) : kind == 1 ? (d % 7 == 0 ? 1 + r.nextInt(3) : 0)
                        : (d < days / 3 && r.nextInt(4) == 0 ? 1 : 0);
                bytes[d] = reads[d] * 4096L;
            }
            out.add(new DatasetHistory.Days(today - days + 1, reads, bytes, writes, size));
        }
        return out;
    }

    record Measured<T>(T value, double seconds, long peak, long before) {
        String heap() {
            return String.format(Locale.ROOT, "heap peak %,d MiB (+%,d MiB over the %,d MiB before)", peak >> 20,
                    (peak - before) >> 20, before >> 20);
        }
    }

    static <T> Measured<T> measure(Callable<T> work) throws Exception {
        System.gc();
        long before = MEM.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(before);
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(MEM.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        long t0 = System.nanoTime();
        T value = work.call();
        double seconds = secs(t0);
        peak.accumulateAndGet(MEM.getHeapMemoryUsage().getUsed(), Math::max);
        sampler.interrupt();
        sampler.join();
        return new Measured<>(value, seconds, peak.get(), before);
    }

    static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
