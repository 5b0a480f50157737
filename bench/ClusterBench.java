import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import routes.infra.EmbeddedKafka;

/**
 * Scale-out benchmark (a figure, not a test); bench/cluster.sh builds, starts PostgreSQL and runs it:
 *
 * <pre>java -cp target/classes:$(cat cp.txt) bench/ClusterBench.java --classpath=target/classes:$(cat cp.txt) \
 *      --pg-url=jdbc:postgresql://127.0.0.1:19432/ --pg-pid=PID --work=DIR \
 *      [--instances=1,2,3] [--runs=2] [--partitions=6] [--events=60000] [--rounds=3] [--warmup=20000]
 *      [--batch=1000] [--clients=4] [--event-datasets=60] [--migrations=300] [--migration-size=262144]
 *      [--service-opts=-Xmx512m]</pre>
 *
 * For every run and every N in --instances, on a fresh database (CREATE DATABASE on the one PostgreSQL
 * server) and a fresh Kafka broker (routes.infra.EmbeddedKafka in its own JVM: this file with --broker,
 * topics with --partitions partitions):
 * 1. starts N service JVMs (java -cp ... routes.Application) with distinct DIM_INSTANCE_ID, DIM_HTTP_PORT
 *    and DIM_DATA_DIR, one shared DIM_STORAGE_ROOTS, and the same DIM_DB_URL and DIM_KAFKA_BOOTSTRAP_SERVERS,
 *    and waits until /health shows every partition of dim-ingest and dim-mover assigned, each instance
 *    holding some, stable for 3 s;
 * 2. events: --event-datasets datasets (1 KiB each), a --warmup of events (not timed), then --rounds
 *    rounds of --events read events (unique event_id) posted as arrays of --batch to POST /access-events
 *    by --clients threads, batch i going to instance i mod N; timed from the first POST until
 *    SELECT SUM(read_count) FROM access_aggregates (JDBC, every 20 ms) has grown by every acknowledged
 *    event; afterwards the sum is checked to have grown by exactly that;
 * 3. migrations: --migrations datasets of --migration-size bytes (POST /datasets, auto_seed, round robin),
 *    then every one planned (POST /plan-migration to another file:// location, round robin, from
 *    --clients threads), timed from the first plan until every job is completed (SQL, every 100 ms);
 * 4. CPU of each part during every timed phase: the service JVMs, the broker JVM, PostgreSQL (the
 *    postmaster, its live children and its reaped ones), this JVM (the clients), and the rest of the
 *    machine (/proc/stat busy minus those).
 * Prints one line per round and a table per N with medians and ranges over all rounds and runs.
 */
public class ClusterBench {

    static final ObjectMapper JSON = new ObjectMapper();
    static final double HZ = 100.0; // USER_HZ

    static String classpath;
    static String pgUrl;
    static int pgPid;
    static Path work;
    static List<Integer> instanceCounts = List.of(1, 2, 3);
    static int runs = 2;
    static int partitions = 6;
    static int events = 60_000;
    static int rounds = 3;
    static int warmup = 20_000;
    static int batch = 1000;
    static int clients = 4;
    static int eventDatasets = 60;
    static int migrations = 300;
    static long migrationSize = 262_144;
    static String serviceOpts = "-Xmx512m";
    static int httpBase = 18100;
    static int kafkaPort = 19192;
    static int controllerPort = 19193;

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    record Cpu(double wall, double machine, double services, double broker, double postgres, double bench) {
        double others() { return Math.max(0, machine - services - broker - postgres - bench); }

        /** CPU-seconds the benchmarked stack itself used: the services, the broker, PostgreSQL, the clients. */
        double stack() { return services + broker + postgres + bench; }

        String describe() {
            return String.format(Locale.ROOT, "machine %.0f%%, services %.0f%%, broker %.0f%%, postgres %.0f%%, "
                    + "clients %.0f%%, others %.0f%% (of one core)", pct(machine), pct(services), pct(broker),
                    pct(postgres), pct(bench), pct(others()));
        }

        double pct(double cpuSeconds) { return 100 * cpuSeconds / wall; }
    }

    record Round(int n, int run, int round, long sent, long acked, double ackSeconds, double e2eSeconds,
                 boolean exact, Cpu cpu) {
    }

    record MigrationRun(int n, int run, int count, double seedSeconds, double seconds, long failed,
                        Map<String, Long> perOwner, Cpu cpu) {
    }

    static final List<Round> ROUNDS = new ArrayList<>();
    static final List<MigrationRun> MIGRATIONS = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            a.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        if (a.containsKey("broker")) {
            broker(Path.of(a.get("log-dir")), Integer.parseInt(a.get("port")), Integer.parseInt(a.get("controller-port")));
            return;
        }
        classpath = a.get("classpath");
        pgUrl = a.get("pg-url");
        pgPid = Integer.parseInt(a.getOrDefault("pg-pid", "0"));
        work = Path.of(a.get("work"));
        if (a.containsKey("instances")) {
            instanceCounts = Stream.of(a.get("instances").split(",")).map(Integer::parseInt).toList();
        }
        runs = Integer.parseInt(a.getOrDefault("runs", "" + runs));
        partitions = Integer.parseInt(a.getOrDefault("partitions", "" + partitions));
        events = Integer.parseInt(a.getOrDefault("events", "" + events));
        rounds = Integer.parseInt(a.getOrDefault("rounds", "" + rounds));
        warmup = Integer.parseInt(a.getOrDefault("warmup", "" + warmup));
        batch = Integer.parseInt(a.getOrDefault("batch", "" + batch));
        clients = Integer.parseInt(a.getOrDefault("clients", "" + clients));
        eventDatasets = Integer.parseInt(a.getOrDefault("event-datasets", "" + eventDatasets));
        migrations = Integer.parseInt(a.getOrDefault("migrations", "" + migrations));
        migrationSize = Long.parseLong(a.getOrDefault("migration-size", "" + migrationSize));
        serviceOpts = a.getOrDefault("service-opts", serviceOpts);
        httpBase = Integer.parseInt(a.getOrDefault("http-base", "" + httpBase));
        kafkaPort = Integer.parseInt(a.getOrDefault("kafka-port", "" + kafkaPort));
        controllerPort = Integer.parseInt(a.getOrDefault("controller-port", "" + controllerPort));

        System.out.printf("cluster bench: instances %s, runs %d, %d partitions, events %d x %d rounds (warm-up %d, "
                        + "batches of %d, %d clients, %d datasets), migrations %d x %d bytes, service JVM %s%n",
                instanceCounts, runs, partitions, events, rounds, warmup, batch, clients, eventDatasets, migrations,
                migrationSize, serviceOpts);
        for (int run = 1; run <= runs; run++) {
            for (int n : instanceCounts) {
                configuration(n, run);
            }
        }
        report();
    }

    // ------------------------------------------------------------------------------------ the broker JVM

    static void broker(Path logDir, int port, int controller) throws Exception {
        EmbeddedKafka kafka = new EmbeddedKafka(logDir, port, controller);
        kafka.start();
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::stop));
        System.out.println("READY " + kafka.bootstrapServers());
        System.out.flush();
        // until the parent closes our stdin (or kills us)
        while (System.in.read() >= 0) {
            // nothing
        }
        System.exit(0);
    }

    static Process startBroker(Path dir) throws Exception {
        Path log = dir.resolve("broker.log");
        ProcessBuilder pb = new ProcessBuilder(javaBin(), "-Xmx1g", "-cp", classpath, "bench/ClusterBench.java",
                "--broker", "--log-dir=" + dir.resolve("kafka"), "--port=" + kafkaPort,
                "--controller-port=" + controllerPort);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()));
        CountDownLatch ready = new CountDownLatch(1);
        Thread pump = new Thread(() -> {
            try (var w = Files.newBufferedWriter(log)) {
                for (String line; (line = out.readLine()) != null; ) {
                    w.write(line);
                    w.newLine();
                    w.flush();
                    if (line.startsWith("READY")) ready.countDown();
                }
            } catch (IOException ignored) {
                // broker gone
            }
        });
        pump.setDaemon(true);
        pump.start();
        if (!ready.await(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("the broker did not start; see " + log);
        }
        return p;
    }

    // ------------------------------------------------------------------------------------ one configuration

    static void configuration(int n, int run) throws Exception {
        String name = "n" + n + "r" + run;
        Path dir = work.resolve(name);
        Path storage = dir.resolve("storage");
        Files.createDirectories(storage);
        String db = "dim_" + name;
        try (Connection c = DriverManager.getConnection(pgUrl + "postgres", "dim", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        }
        String url = pgUrl + db;
        log("== %d instance(s), run %d: database %s, broker on %d", n, run, db, kafkaPort);
        Process broker = startBroker(dir);
        List<Process> services = new ArrayList<>();
        List<String> bases = new ArrayList<>();
        try (Connection sql = DriverManager.getConnection(url, "dim", "")) {
            for (int i = 1; i <= n; i++) {
                int port = httpBase + i;
                Map<String, String> env = new LinkedHashMap<>();
                env.put("DIM_INSTANCE_ID", "bench-" + i);
                env.put("DIM_HTTP_PORT", "" + port);
                env.put("DIM_DATA_DIR", dir.resolve("instance-" + i).toString());
                env.put("DIM_STORAGE_ROOTS", storage.toString());
                env.put("DIM_DB_URL", url);
                env.put("DIM_DB_USER", "dim");
                env.put("DIM_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafkaPort);
                env.put("DIM_KAFKA_PARTITIONS", "" + partitions);
                List<String> cmd = new ArrayList<>();
                cmd.add(javaBin());
                if (!serviceOpts.isBlank()) cmd.addAll(List.of(serviceOpts.trim().split("\\s+")));
                cmd.addAll(List.of("-cp", classpath, "routes.Application"));
                ProcessBuilder pb = new ProcessBuilder(cmd);
                pb.environment().putAll(env);
                pb.redirectErrorStream(true).redirectOutput(dir.resolve("instance-" + i + ".log").toFile());
                Process p = pb.start();
                services.add(p);
                String base = "http://127.0.0.1:" + port;
                bases.add(base);
                waitHealthy(p, base, dir.resolve("instance-" + i + ".log"));
                log("instance bench-%d up: pid %d, %s", i, p.pid(), base);
            }
            waitBalanced(bases);
            List<Long> pids = services.stream().map(Process::pid).toList();
            events(n, run, bases, sql, pids, broker.pid(), storage);
            migrations(n, run, bases, sql, pids, broker.pid(), storage);
            summariseLogs(dir, n);
        } finally {
            for (Process p : services) p.destroy();
            for (Process p : services) {
                if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly().waitFor();
            }
            broker.getOutputStream().close();
            if (!broker.waitFor(60, TimeUnit.SECONDS)) broker.destroyForcibly().waitFor();
            try (Connection c = DriverManager.getConnection(pgUrl + "postgres", "dim", "");
                 Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + db);
            } catch (Exception e) {
                log("could not drop %s: %s", db, e.getMessage());
            }
            deleteTree(storage);
            deleteTree(dir.resolve("kafka"));
        }
    }

    static void waitHealthy(Process p, String base, Path log) throws Exception {
        long deadline = System.currentTimeMillis() + 180_000;
        while (true) {
            if (!p.isAlive()) throw new IllegalStateException("a service exited during start-up; see " + log);
            try {
                if (get(base + "/health").statusCode() == 200) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.currentTimeMillis() > deadline) throw new IllegalStateException("no /health 200 from " + base);
            Thread.sleep(500);
        }
    }

    /** Until every partition of dim-ingest and dim-mover is assigned, each instance holds some of both
     *  (when there are enough partitions), and that held for 3 s. */
    static void waitBalanced(List<String> bases) throws Exception {
        long deadline = System.currentTimeMillis() + 180_000;
        String last = "";
        long stableSince = 0;
        while (System.currentTimeMillis() < deadline) {
            boolean ok = true;
            StringBuilder shape = new StringBuilder();
            for (String group : List.of("dim-ingest", "dim-mover")) {
                Set<String> union = new HashSet<>();
                for (String base : bases) {
                    JsonNode parts = JSON.readTree(get(base + "/health").body()).path("kafka")
                            .path("assigned_partitions").path(group);
                    int held = 0;
                    for (JsonNode p : parts) {
                        if (p.asText().startsWith(group.equals("dim-ingest") ? "access_events" : "migration_jobs")) {
                            union.add(p.asText());
                            held++;
                        }
                    }
                    shape.append(group).append('@').append(base).append('=').append(held).append(' ');
                    if (held == 0 && bases.size() <= partitions) ok = false;
                }
                if (union.size() != partitions) ok = false;
            }
            if (ok && shape.toString().equals(last)) {
                if (System.currentTimeMillis() - stableSince >= 3000) {
                    log("partitions: %s", shape.toString().trim());
                    return;
                }
            } else {
                stableSince = System.currentTimeMillis();
                last = shape.toString();
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("partitions not balanced over the instances: " + last);
    }

    // ------------------------------------------------------------------------------------ events

    static void events(int n, int run, List<String> bases, Connection sql, List<Long> pids, long brokerPid,
                       Path storage) throws Exception {
        List<Long> ids = createDatasets(bases, "ev", eventDatasets, 1024, storage).ids;
        long before = readSum(sql);
        long acked = post(bases, ids, warmup, "w" + n + "r" + run).acked;
        waitSum(sql, before + acked, 300_000);
        log("warm-up: %d events acknowledged and counted", acked);
        for (int r = 1; r <= rounds; r++) {
            long base = readSum(sql);
            long[] mark = cpuMark(pids, brokerPid);
            long t0 = System.nanoTime();
            Posted p = post(bases, ids, events, "e" + n + "r" + run + "x" + r);
            long target = base + p.acked;
            waitSum(sql, target, 600_000);
            double e2e = (System.nanoTime() - t0) / 1e9;
            Cpu cpu = cpuSince(mark, pids, brokerPid);
            Thread.sleep(1000); // anything counted twice would show by now
            boolean exact = readSum(sql) == target;
            Round round = new Round(n, run, r, p.sent, p.acked, p.ackSeconds, e2e, exact, cpu);
            ROUNDS.add(round);
            System.out.printf(Locale.ROOT, "N=%d run %d round %d: %d sent, %d acked; 202s %,.0f ev/s; "
                            + "end to end %.2f s = %,.0f ev/s; counts exact: %s; %,.0f events per CPU-s of the stack; CPU %s%n",
                    n, run, r, p.sent, p.acked, p.acked / p.ackSeconds, e2e, p.acked / e2e, exact ? "yes" : "NO",
                    p.acked / cpu.stack(), cpu.describe());
        }
    }

    record Posted(long sent, long acked, double ackSeconds) {
    }

    /** count events over the datasets, batches of --batch from --clients threads, batch i to instance i mod N. */
    static Posted post(List<String> bases, List<Long> ids, int count, String prefix) throws Exception {
        int batches = (count + batch - 1) / batch;
        List<String> bodies = new ArrayList<>(batches);
        int seq = 0;
        for (int b = 0; b < batches; b++) {
            StringBuilder s = new StringBuilder(batch * 110).append('[');
            int size = Math.min(batch, count - b * batch);
            for (int i = 0; i < size; i++, seq++) {
                if (i > 0) s.append(',');
                s.append("{\"dataset_id\":").append(ids.get(seq % ids.size()))
                        .append(",\"op\":\"read\",\"size_bytes\":100,\"latency_ms\":").append(1 + seq % 20)
                        .append(",\"event_id\":\"").append(prefix).append('-').append(seq).append("\"}");
            }
            bodies.add(s.append(']').toString());
        }
        AtomicLong acked = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        long t0 = System.nanoTime();
        inParallel(batches, b -> {
            int size = Math.min(batch, count - b * batch);
            sent.addAndGet(size);
            HttpResponse<String> r = postJson(bases.get(b % bases.size()) + "/access-events", bodies.get(b));
            if (r.statusCode() == 202) acked.addAndGet(size);
            else System.err.println("POST /access-events: " + r.statusCode() + " " + r.body());
        });
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Posted(sent.get(), acked.get(), seconds);
    }

    static long readSum(Connection sql) throws Exception {
        try (Statement s = sql.createStatement();
             ResultSet rs = s.executeQuery("SELECT COALESCE(SUM(read_count), 0) FROM access_aggregates")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void waitSum(Connection sql, long target, long timeoutMs) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMs;
        long now;
        while ((now = readSum(sql)) < target) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("only " + now + " of " + target + " events counted");
            }
            Thread.sleep(20);
        }
    }

    // ------------------------------------------------------------------------------------ migrations

    record Created(List<Long> ids, double seconds) {
    }

    static Created createDatasets(List<String> bases, String prefix, int count, long size, Path storage)
            throws Exception {
        Long[] ids = new Long[count];
        long t0 = System.nanoTime();
        inParallel(count, i -> {
            String body = JSON.writeValueAsString(Map.of("name", prefix + i,
                    "path_uri", "file://" + storage.resolve(prefix + "/" + prefix + i), "size_bytes", size,
                    "auto_seed", true));
            HttpResponse<String> r = postJson(bases.get(i % bases.size()) + "/datasets", body);
            if (r.statusCode() != 201) throw new IllegalStateException("POST /datasets: " + r.statusCode()
                    + " " + r.body());
            ids[i] = JSON.readTree(r.body()).path("id").asLong();
        });
        return new Created(List.of(ids), (System.nanoTime() - t0) / 1e9);
    }

    static void migrations(int n, int run, List<String> bases, Connection sql, List<Long> pids, long brokerPid,
                           Path storage) throws Exception {
        Created created = createDatasets(bases, "mig", migrations, migrationSize, storage);
        log("%d datasets of %d bytes seeded in %.2f s", migrations, migrationSize, created.seconds);
        long doneBefore = count(sql, "SELECT COUNT(*) FROM migration_jobs WHERE state = 'completed'");
        long[] mark = cpuMark(pids, brokerPid);
        long t0 = System.nanoTime();
        inParallel(migrations, i -> {
            String body = JSON.writeValueAsString(Map.of("dataset_id", created.ids.get(i), "storage_class", "warm",
                    "target_location", "file://" + storage.resolve("moved/mig" + i)));
            HttpResponse<String> r = postJson(bases.get(i % bases.size()) + "/plan-migration", body);
            if (r.statusCode() != 202) throw new IllegalStateException("POST /plan-migration: "
                    + r.statusCode() + " " + r.body());
        });
        double planned = (System.nanoTime() - t0) / 1e9;
        long deadline = System.currentTimeMillis() + 1_800_000;
        long done;
        long failed = 0;
        while ((done = count(sql, "SELECT COUNT(*) FROM migration_jobs WHERE state = 'completed'") - doneBefore)
                < migrations) {
            failed = count(sql, "SELECT COUNT(*) FROM migration_jobs WHERE state = 'failed'");
            if (done + failed >= migrations || System.currentTimeMillis() > deadline) break;
            Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Cpu cpu = cpuSince(mark, pids, brokerPid);
        Map<String, Long> perOwner = new LinkedHashMap<>();
        try (Statement s = sql.createStatement();
             ResultSet rs = s.executeQuery("SELECT COALESCE(owner, '-'), COUNT(*) FROM migration_jobs "
                     + "GROUP BY 1 ORDER BY 1")) {
            while (rs.next()) perOwner.put(rs.getString(1), rs.getLong(2));
        }
        MigrationRun m = new MigrationRun(n, run, (int) done, created.seconds, seconds, failed, perOwner, cpu);
        MIGRATIONS.add(m);
        System.out.printf(Locale.ROOT, "N=%d run %d migrations: %d of %d completed (%d failed) in %.2f s "
                        + "(all planned after %.2f s) = %.1f migrations/min; %.1f migrations per CPU-s of the stack; "
                        + "jobs per instance %s; CPU %s%n", n, run, done, migrations, failed, seconds, planned,
                60 * done / seconds, done / cpu.stack(), perOwner, cpu.describe());
    }

    static long count(Connection sql, String query) throws Exception {
        try (Statement s = sql.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // ------------------------------------------------------------------------------------ CPU accounting

    /** [wall ns, machine busy jiffies, services ticks, broker ticks, postgres ticks, bench cpu ns] */
    static long[] cpuMark(List<Long> pids, long brokerPid) {
        long services = 0;
        for (long pid : pids) services += ticks(pid, false);
        return new long[] {System.nanoTime(), machineBusy(), services, ticks(brokerPid, false), postgresTicks(),
                benchCpuNanos()};
    }

    static Cpu cpuSince(long[] m, List<Long> pids, long brokerPid) {
        long[] now = cpuMark(pids, brokerPid);
        return new Cpu((now[0] - m[0]) / 1e9, (now[1] - m[1]) / HZ, (now[2] - m[2]) / HZ, (now[3] - m[3]) / HZ,
                (now[4] - m[4]) / HZ, (now[5] - m[5]) / 1e9);
    }

    static long benchCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static long machineBusy() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            // user nice system irq softirq (as lib.sh)
            return Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                    + Long.parseLong(f[7]);
        } catch (IOException e) {
            return 0;
        }
    }

    /** utime + stime (+ cutime + cstime: reaped children) in clock ticks, 0 if gone. */
    static long ticks(long pid, boolean withChildren) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            if (withChildren) t += Long.parseLong(f[13]) + Long.parseLong(f[14]);
            return t;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The postmaster with its reaped children, plus its live children (backends, walwriter, ...). */
    static long postgresTicks() {
        if (pgPid <= 0) return 0;
        long t = ticks(pgPid, true);
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) continue;
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (Long.parseLong(f[1]) == pgPid) t += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                } catch (IOException | RuntimeException gone) {
                    // exited meanwhile
                }
            }
        } catch (IOException e) {
            return t;
        }
        return t;
    }

    // ------------------------------------------------------------------------------------ report

    static void report() {
        System.out.println();
        System.out.println("| instances | ingest, first POST -> all counted: median (range) | 202s returned: median "
                + "| events per CPU-s of the stack | migrations/min: median (range) | migrations per CPU-s of the stack "
                + "| CPU during ingest rounds (of 200 %): services / broker / "
                + "postgres / clients / others | CPU during migrations: services / broker / postgres / clients / others |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (int n : instanceCounts) {
            List<Round> rs = ROUNDS.stream().filter(r -> r.n == n).toList();
            List<MigrationRun> ms = MIGRATIONS.stream().filter(m -> m.n == n).toList();
            if (rs.isEmpty()) continue;
            List<Double> e2e = rs.stream().map(r -> r.acked / r.e2eSeconds).sorted().toList();
            List<Double> ack = rs.stream().map(r -> r.acked / r.ackSeconds).sorted().toList();
            List<Double> mig = ms.stream().map(m -> 60 * m.count / m.seconds).sorted().toList();
            List<Double> evCpu = rs.stream().map(r -> r.acked / r.cpu.stack()).sorted().toList();
            List<Double> migCpu = ms.stream().map(m -> m.count / m.cpu.stack()).sorted().toList();
            System.out.printf(Locale.ROOT, "| %d | **%,.0f ev/s** (%,.0f-%,.0f, %d rounds) | %,.0f ev/s | %,.0f (%,.0f-%,.0f) "
                            + "| **%.1f** (%s) | %.2f (%s) | %s | %s |%n", n, median(e2e), e2e.get(0),
                    e2e.get(e2e.size() - 1), e2e.size(), median(ack), median(evCpu), evCpu.get(0),
                    evCpu.get(evCpu.size() - 1), mig.isEmpty() ? 0 : median(mig),
                    String.join(", ", mig.stream().map(x -> String.format(Locale.ROOT, "%.1f", x)).toList()),
                    median(migCpu), String.join(", ", migCpu.stream().map(x -> String.format(Locale.ROOT, "%.2f", x)).toList()),
                    cpuCell(rs.stream().map(Round::cpu).toList()), cpuCell(ms.stream().map(MigrationRun::cpu).toList()));
        }
        boolean exact = ROUNDS.stream().allMatch(Round::exact);
        long failed = MIGRATIONS.stream().mapToLong(MigrationRun::failed).sum();
        System.out.println();
        System.out.println("aggregate counts exact in every round: " + (exact ? "yes" : "NO"));
        System.out.println("migrations failed: " + failed + "; incomplete: "
                + MIGRATIONS.stream().filter(m -> m.count < migrations).count() + " run(s)");
        for (int n : instanceCounts) {
            List<Round> rs = ROUNDS.stream().filter(r -> r.n == n).toList();
            List<MigrationRun> ms = MIGRATIONS.stream().filter(m -> m.n == n).toList();
            System.out.printf(Locale.ROOT, "RESULT instances=%d ingest_ev_s=%.0f migrations_min=%.1f%n", n,
                    median(rs.stream().map(r -> r.acked / r.e2eSeconds).sorted().toList()),
                    ms.isEmpty() ? 0 : median(ms.stream().map(m -> 60 * m.count / m.seconds).sorted().toList()));
        }
    }

    static String cpuCell(List<Cpu> cpus) {
        if (cpus.isEmpty()) return "-";
        double wall = 0, s = 0, b = 0, p = 0, c = 0, o = 0, m = 0;
        for (Cpu x : cpus) {
            wall += x.wall;
            s += x.services;
            b += x.broker;
            p += x.postgres;
            c += x.bench;
            o += x.others();
            m += x.machine;
        }
        return String.format(Locale.ROOT, "%.0f / %.0f / %.0f / %.0f / %.0f %% (machine %.0f %%)", 100 * s / wall,
                100 * b / wall, 100 * p / wall, 100 * c / wall, 100 * o / wall, 100 * m / wall);
    }

    static double median(List<Double> sorted) {
        if (sorted.isEmpty()) return 0;
        int k = sorted.size();
        return k % 2 == 1 ? sorted.get(k / 2) : (sorted.get(k / 2 - 1) + sorted.get(k / 2)) / 2;
    }

    // ------------------------------------------------------------------------------------ helpers

    interface Task {
        void run(int i) throws Exception;
    }

    /** task(0 .. count-1), taken in order by --clients threads; the first failure is thrown. */
    static void inParallel(int count, Task task) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                fs.add(pool.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < count; ) {
                        task.run(i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) f.get();
        } finally {
            pool.shutdown();
        }
    }

    static void summariseLogs(Path dir, int n) {
        for (int i = 1; i <= n; i++) {
            try {
                List<String> lines = Files.readAllLines(dir.resolve("instance-" + i + ".log"));
                long errors = lines.stream().filter(l -> l.contains(" ERROR ")).count();
                long warns = lines.stream().filter(l -> l.contains(" WARN ")).count();
                if (errors > 0 || warns > 0) {
                    log("instance bench-%d log: %d ERROR, %d WARN lines; first ERROR: %s", i, errors, warns,
                            lines.stream().filter(l -> l.contains(" ERROR ")).findFirst().orElse("-"));
                }
            } catch (IOException e) {
                // no log
            }
        }
    }

    static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> postJson(String url, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(120)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> all = new ArrayList<>(files.toList());
            Collections.reverse(all);
            for (Path p : all) Files.deleteIfExists(p);
        } catch (IOException e) {
            log("could not delete %s: %s", root, e.getMessage());
        }
    }

    static void log(String format, Object... args) {
        System.err.printf("[cluster %tT] %s%n", System.currentTimeMillis(), String.format(Locale.ROOT, format, args));
    }
}
