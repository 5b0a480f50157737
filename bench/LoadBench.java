import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Mixed API load (a figure, not a test); bench/load.sh builds and starts the service and runs it:
 *
 * <pre>java -cp target/classes:$(cat cp.txt) bench/LoadBench.java --base-url=http://127.0.0.1:18080 \
 *      --db=$DIM_DATA_DIR/dim.db --storage-root=$DIM_DATA_DIR/storage [--service-pid=PID] \
 *      [--clients=8] [--seconds=30] [--datasets=20] [--events-per-post=10]</pre>
 *
 * 1. creates --datasets small datasets (64 KiB, seeded);
 * 2. --clients threads, each with its own HTTP/1.1 client, loop for --seconds picking at random:
 *    70 % reads (GET /datasets?limit=20, /datasets/{id}, /jobs?limit=20, /jobs/{id}, /recommendations),
 *    25 % event posts (--events-per-post events, each with an event_id), 5 % plans (POST /plan-migration
 *    of a random dataset to a new location; 409 because the dataset is already moving is expected);
 * 3. samples the service's heap (jvm_memory_used_bytes, area heap, from /metrics) every second;
 * 4. afterwards waits for every job to end and the aggregates to count every acknowledged event, and
 *    checks: events counted = events acknowledged, every job completed, every dataset's bytes hash to
 *    the SHA-256 the catalog records for it.
 * Prints per operation: count, throughput, p50/p99 latency, errors; then one RESULT line.
 */
public class LoadBench {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern HEAP = Pattern.compile("^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*\\} (\\S+)$",
            Pattern.MULTILINE);

    static String baseUrl = "http://127.0.0.1:18080";
    static Path db;
    static Path storageRoot;
    static int clients = 8;
    static int seconds = 30;
    static int datasets = 20;
    static int eventsPerPost = 10;
    static int servicePid = -1;

    /** Latencies (µs) and outcomes of one kind of operation. */
    static final class Op {
        final List<Long> micros = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong errors = new AtomicLong();
        final AtomicLong expected4xx = new AtomicLong();
        final AtomicLong limited = new AtomicLong();
    }

    static final Map<String, Op> OPS = new ConcurrentHashMap<>();
    static final AtomicLong eventsAcknowledged = new AtomicLong();
    static final AtomicLong jobsPlanned = new AtomicLong();
    static final Map<String, String> errorSamples = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        for (String a : args) {
            String[] kv = a.replaceFirst("^--", "").split("=", 2);
            switch (kv[0]) {
                case "base-url" -> baseUrl = kv[1];
                case "db" -> db = Path.of(kv[1]);
                case "storage-root" -> storageRoot = Path.of(kv[1]);
                case "clients" -> clients = Integer.parseInt(kv[1]);
                case "seconds" -> seconds = Integer.parseInt(kv[1]);
                case "datasets" -> datasets = Integer.parseInt(kv[1]);
                case "events-per-post" -> eventsPerPost = Integer.parseInt(kv[1]);
                case "service-pid" -> servicePid = Integer.parseInt(kv[1]);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        HttpClient setup = client();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < datasets; i++) {
            String name = "load" + i;
            HttpResponse<String> r = send(setup, post("/datasets", "{\"name\":\"" + name + "\",\"path_uri\":\"file://"
                    + storageRoot.resolve(name) + "\",\"size_bytes\":65536,\"auto_seed\":true}"));
            if (r.statusCode() != 201) {
                throw new IllegalStateException("create failed: " + r.statusCode() + " " + r.body());
            }
            ids.add(JSON.readTree(r.body()).path("id").asLong());
        }
        long eventsBefore = countedEvents();
        double cpuBefore = cpuSeconds();
        System.out.printf(Locale.ROOT, "load: %d clients for %d s over %d datasets (%d events per post)%n", clients,
                seconds, datasets, eventsPerPost);

        AtomicInteger planSeq = new AtomicInteger();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int seed = c;
            Thread t = new Thread(() -> clientLoop(new Random(seed), ids, end, planSeq));
            threads.add(t);
            t.start();
        }
        long maxHeap = 0;
        long lastHeap = 0;
        long started = System.nanoTime();
        while (System.nanoTime() < end) {
            lastHeap = heap(setup);
            maxHeap = Math.max(maxHeap, lastHeap);
            Thread.sleep(1000);
        }
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        double cpu = cpuSeconds() - cpuBefore;

        // --- drain: every job ends, every acknowledged event is counted
        long drainStart = System.nanoTime();
        int running = -1;
        while (System.nanoTime() - drainStart < 180_000_000_000L) {
            running = 0;
            for (String state : List.of("queued", "copying", "verifying", "switching", "deleting")) {
                running += JSON.readTree(send(setup, get("/jobs?limit=1&state=" + state)).body()).path("total").asInt();
            }
            if (running == 0 && countedEvents() - eventsBefore >= eventsAcknowledged.get()) {
                break;
            }
            Thread.sleep(250);
        }
        long counted = countedEvents() - eventsBefore;
        JsonNode jobs = JSON.readTree(send(setup, get("/jobs?limit=1000")).body());
        int completed = 0;
        int failed = 0;
        for (JsonNode j : jobs.path("items")) {
            if (j.path("state").asText().equals("completed")) {
                completed++;
            } else if (j.path("state").asText().equals("failed")) {
                failed++;
            }
        }
        int hashesOk = 0;
        for (long id : ids) {
            JsonNode ds = JSON.readTree(send(setup, get("/datasets/" + id)).body());
            Path file = Path.of(URI.create(ds.path("path_uri").asText()));
            if (sha256(file).equals(ds.path("checksum_sha256").asText())) {
                hashesOk++;
            }
        }

        System.out.printf(Locale.ROOT, "%-22s %8s %9s %9s %9s %7s %7s %7s%n", "operation", "count", "req/s",
                "p50 ms", "p99 ms", "errors", "409", "429");
        long total = 0;
        long errors = 0;
        List<Long> all = new ArrayList<>();
        for (Map.Entry<String, Op> e : new TreeMap<>(OPS).entrySet()) {
            List<Long> l = new ArrayList<>(e.getValue().micros);
            Collections.sort(l);
            all.addAll(l);
            total += l.size();
            errors += e.getValue().errors.get();
            System.out.printf(Locale.ROOT, "%-22s %8d %9.1f %9.2f %9.2f %7d %7d %7d%n", e.getKey(), l.size(),
                    l.size() / elapsed, pct(l, 50), pct(l, 99), e.getValue().errors.get(),
                    e.getValue().expected4xx.get(), e.getValue().limited.get());
        }
        Collections.sort(all);
        System.out.printf(Locale.ROOT, "%-22s %8d %9.1f %9.2f %9.2f %7d%n", "all", total, total / elapsed,
                pct(all, 50), pct(all, 99), errors);
        errorSamples.forEach((k, v) -> System.out.println("  error sample " + k + ": " + v));
        boolean eventsExact = counted == eventsAcknowledged.get();
        boolean jobsOk = running == 0 && failed == 0 && completed == jobsPlanned.get();
        System.out.printf(Locale.ROOT, "events: %d acknowledged, %d counted (%s); jobs: %d planned, %d completed, "
                        + "%d failed (%s); checksums: %d/%d datasets match (%s)%n", eventsAcknowledged.get(), counted,
                eventsExact ? "exact" : "MISMATCH", jobsPlanned.get(), completed, failed, jobsOk ? "ok" : "NOT OK",
                hashesOk, ids.size(), hashesOk == ids.size() ? "ok" : "MISMATCH");
        System.out.printf(Locale.ROOT, "service heap: max %.0f MiB sampled, %.0f MiB at the end; service CPU %.1f s"
                + " (%.0f%% of one core)%n", maxHeap / 1048576.0, lastHeap / 1048576.0, cpu,
                cpu < 0 ? Double.NaN : 100 * cpu / elapsed);
        System.out.printf(Locale.ROOT, "RESULT clients=%d seconds=%.0f requests=%d req/s=%.1f p50_ms=%.2f p99_ms=%.2f "
                        + "errors=%d events_exact=%s jobs_ok=%s checksums_ok=%s max_heap_mib=%.0f%n", clients, elapsed,
                total, total / elapsed, pct(all, 50), pct(all, 99), errors, eventsExact, jobsOk,
                hashesOk == ids.size(), maxHeap / 1048576.0);
        System.exit(errors == 0 && eventsExact && jobsOk && hashesOk == ids.size() ? 0 : 1);
    }

    static void clientLoop(Random random, List<Long> ids, long end, AtomicInteger planSeq) {
        HttpClient http = client();
        while (System.nanoTime() < end) {
            int dice = random.nextInt(100);
            long ds = ids.get(random.nextInt(ids.size()));
            if (dice < 70) {
                String[] reads = {"/datasets?limit=20", "/datasets/" + ds, "/jobs?limit=20", "/recommendations",
                        "/jobs/" + (1 + random.nextInt(Math.max(1, (int) jobsPlanned.get())))};
                int pick = random.nextInt(reads.length);
                String name = switch (pick) {
                    case 0 -> "GET /datasets";
                    case 1 -> "GET /datasets/{id}";
                    case 2 -> "GET /jobs";
                    case 3 -> "GET /recommendations";
                    default -> "GET /jobs/{id}";
                };
                call(http, name, get(reads[pick]), pick == 4 ? 404 : -1);
            } else if (dice < 95) {
                StringBuilder b = new StringBuilder("[");
                for (int i = 0; i < eventsPerPost; i++) {
                    b.append(i == 0 ? "" : ",").append("{\"dataset_id\":").append(ids.get(random.nextInt(ids.size())))
                            .append(",\"op\":\"").append(random.nextInt(5) == 0 ? "write" : "read")
                            .append("\",\"size_bytes\":4096,\"latency_ms\":2.5,\"event_id\":\"")
                            .append(Long.toHexString(random.nextLong())).append(Long.toHexString(System.nanoTime()))
                            .append("\"}");
                }
                if (call(http, "POST /access-events", post("/access-events", b.append(']').toString()), -1) == 202) {
                    eventsAcknowledged.addAndGet(eventsPerPost);
                }
            } else {
                int n = planSeq.incrementAndGet();
                String target = "file://" + storageRoot.resolve("moved-" + ds + "-" + n);
                String tier = new String[] {"hot", "warm", "cold"}[n % 3];
                int status = call(http, "POST /plan-migration", post("/plan-migration", "{\"dataset_id\":" + ds
                        + ",\"storage_class\":\"" + tier + "\",\"target_location\":\"" + target + "\"}"), 409);
                if (status == 202) {
                    jobsPlanned.incrementAndGet();
                }
            }
        }
    }

    /** Sends one request, records its latency; {@code expected}: a 4xx that is part of the mix. */
    static int call(HttpClient http, String name, HttpRequest request, int expected) {
        Op op = OPS.computeIfAbsent(name, k -> new Op());
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            op.micros.add((System.nanoTime() - t0) / 1000);
            int s = r.statusCode();
            if (s == 429) {
                op.limited.incrementAndGet();
            } else if (s == expected) {
                op.expected4xx.incrementAndGet();
            } else if (s >= 400) {
                op.errors.incrementAndGet();
                errorSamples.putIfAbsent(name + " " + s, r.body().length() > 200 ? r.body().substring(0, 200) : r.body());
            }
            return s;
        } catch (Exception e) {
            op.errors.incrementAndGet();
            errorSamples.putIfAbsent(name + " " + e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
            return -1;
        }
    }

    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    static HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30)).GET().build();
    }

    static HttpRequest post(String path, String json) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    static HttpResponse<String> send(HttpClient http, HttpRequest r) throws Exception {
        return http.send(r, HttpResponse.BodyHandlers.ofString());
    }

    static long heap(HttpClient http) {
        try {
            Matcher m = HEAP.matcher(send(http, get("/metrics")).body());
            long sum = 0;
            while (m.find()) {
                sum += (long) Double.parseDouble(m.group(1));
            }
            return sum;
        } catch (Exception e) {
            return 0;
        }
    }

    static long countedEvents() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT COALESCE(SUM(read_count + write_count), 0) FROM access_aggregates")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    static double cpuSeconds() {
        if (servicePid < 0) {
            return Double.NaN;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + servicePid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    static String sha256(Path file) throws Exception {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        d.update(Files.readAllBytes(file));
        return HexFormat.of().formatHex(d.digest());
    }

    static double pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))) / 1000.0;
    }
}
