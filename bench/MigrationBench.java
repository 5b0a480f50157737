import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Migration benchmark (a figure, not a test). Run against an already started service:
 *
 * <pre>java -cp target/classes:$(cat cp.txt) bench/MigrationBench.java --base-url=http://127.0.0.1:18080 \
 *      --storage-root=$DIM_DATA_DIR/storage --service-pid=PID [--size=1073741824] [--runs=3]</pre>
 *
 * Seeds one dataset of --size bytes (POST /datasets, auto_seed), then moves it --runs times, each time to
 * a new location under the storage root (POST /plan-migration), polling GET /jobs/{id} every 50 ms until
 * the job is completed. For each run: plan -> completed as the client sees it, started_at -> finished_at
 * as the job records it, the job's own timeline, and the service's resident memory (VmRSS sampled every
 * 50 ms, and VmHWM after resetting it through /proc/PID/clear_refs just before planning, when allowed).
 */
public class MigrationBench {

    static final ObjectMapper JSON = new ObjectMapper();
    static final double MIB = 1024.0 * 1024.0;
    static HttpClient http;
    static String baseUrl;

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) throw new IllegalArgumentException("--key=value: " + arg);
            a.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        baseUrl = a.getOrDefault("base-url", "http://127.0.0.1:18080");
        Path root = Path.of(a.get("storage-root")).toAbsolutePath();
        int pid = Integer.parseInt(a.getOrDefault("service-pid", "-1"));
        long size = Long.parseLong(a.getOrDefault("size", "1073741824"));
        int runs = Integer.parseInt(a.getOrDefault("runs", "3"));
        int timeout = Integer.parseInt(a.getOrDefault("timeout-seconds", "600"));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

        watch(pid);
        String tag = Long.toString(System.currentTimeMillis(), 36);
        String name = "migration-bench-" + tag;
        say("seeding %s: %d bytes", name, size);
        long s0 = System.nanoTime();
        HttpResponse<String> created = send("POST", "/datasets", JSON.writeValueAsString(Map.of("name", name,
                "path_uri", "file://" + root.resolve(name), "size_bytes", size, "auto_seed", true)));
        double seedSeconds = (System.nanoTime() - s0) / 1e9;
        if (created.statusCode() != 201) {
            throw new IllegalStateException("POST /datasets answered " + created.statusCode() + ": " + created.body());
        }
        long datasetId = JSON.readTree(created.body()).get("id").asLong();
        say("dataset %d seeded in %.2f s (%.0f MiB/s, generate + hash + write + fsync)", datasetId, seedSeconds,
                size / MIB / seedSeconds);
        long hwmAfterSeed = statusKb(pid, "VmHWM");

        String[] classes = {"cold", "warm", "hot"};
        List<double[]> results = new ArrayList<>();
        for (int r = 1; r <= runs; r++) {
            String target = "file://" + root.resolve(name + "-run" + r);
            String storageClass = classes[(r - 1) % classes.length];
            boolean hwmReset = resetHwm(pid);
            long rssBefore = statusKb(pid, "VmRSS");
            AtomicLong peakRss = new AtomicLong(rssBefore);
            AtomicBoolean sampling = new AtomicBoolean(true);
            Thread sampler = new Thread(() -> {
                while (sampling.get()) {
                    peakRss.accumulateAndGet(statusKb(pid, "VmRSS"), Math::max);
                    try { Thread.sleep(50); } catch (InterruptedException e) { return; }
                }
            }, "rss-sampler");
            sampler.setDaemon(true);
            sampler.start();

            long t0 = System.nanoTime();
            HttpResponse<String> planned = send("POST", "/plan-migration", JSON.writeValueAsString(Map.of(
                    "dataset_id", datasetId, "storage_class", storageClass, "target_location", target)));
            if (planned.statusCode() != 202) {
                throw new IllegalStateException("POST /plan-migration answered " + planned.statusCode() + ": "
                        + planned.body());
            }
            long jobId = JSON.readTree(planned.body()).get("id").asLong();
            Map<String, String> seen = new LinkedHashMap<>(); // state -> seconds after plan, first seen by polling
            JsonNode job;
            long deadline = t0 + timeout * 1_000_000_000L;
            while (true) {
                job = JSON.readTree(send("GET", "/jobs/" + jobId, null).body());
                String state = job.path("state").asText();
                seen.putIfAbsent(state, String.format(Locale.ROOT, "%.2f", (System.nanoTime() - t0) / 1e9));
                if (state.equals("completed") || state.equals("failed")) break;
                if (System.nanoTime() > deadline) throw new IllegalStateException("job " + jobId + " still " + state);
                Thread.sleep(50);
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            sampling.set(false);
            sampler.join();
            long hwm = statusKb(pid, "VmHWM");
            if (!job.path("state").asText().equals("completed")) {
                throw new IllegalStateException("job " + jobId + " failed: " + job);
            }
            Thread.sleep(1000); // the timeline is written from migration_status, asynchronously
            job = JSON.readTree(send("GET", "/jobs/" + jobId, null).body());
            Instant started = Instant.parse(job.path("started_at").asText());
            Instant finished = Instant.parse(job.path("finished_at").asText());
            double jobSeconds = Duration.between(started, finished).toNanos() / 1e9;
            long bytesTotal = job.path("bytes_total").asLong();
            Path targetPath = Path.of(URI.create(target));
            long targetSize = Files.isRegularFile(targetPath) ? Files.size(targetPath)
                    : Files.walk(targetPath).filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            if (bytesTotal != size || targetSize != size) {
                throw new IllegalStateException("bytes_total " + bytesTotal + ", target holds " + targetSize
                        + ", expected " + size);
            }
            say("run %d: job %d -> %s (%s): plan->completed %.2f s, started_at->finished_at %.2f s, attempt %d",
                    r, jobId, target.substring(target.lastIndexOf('/') + 1), storageClass, wall, jobSeconds,
                    job.path("attempt").asInt());
            say("  states first seen by polling (s after plan): %s", seen);
            say("  job timeline: %s", timeline(job, started));
            say("  service RSS: %.0f MiB before, sampled peak %.0f MiB, VmHWM %.0f MiB%s", rssBefore / 1024.0,
                    peakRss.get() / 1024.0, hwm / 1024.0, hwmReset ? " (reset before planning)" : " (since start)");
            results.add(new double[] {wall, jobSeconds, peakRss.get() / 1024.0, hwm / 1024.0});
            // the dataset now lives at the target; the next run moves it on from there
        }

        System.out.println();
        System.out.printf(Locale.ROOT, "=== migration results (%d bytes = %.0f MiB, %d runs) ===%n", size, size / MIB, runs);
        System.out.printf(Locale.ROOT, "%-4s %-9s %10s %10s %10s %10s %12s %10s%n", "run", "class", "plan->done",
                "MiB/s", "start->fin", "MiB/s", "peak RSS", "VmHWM");
        for (int i = 0; i < results.size(); i++) {
            double[] x = results.get(i);
            System.out.printf(Locale.ROOT, "%-4d %-9s %9.2fs %10.1f %9.2fs %10.1f %9.0f MiB %6.0f MiB%n", i + 1,
                    classes[i % classes.length], x[0], size / MIB / x[0], x[1], size / MIB / x[1], x[2], x[3]);
        }
        double medWall = median(results, 0);
        double medJob = median(results, 1);
        double maxRss = results.stream().mapToDouble(x -> x[2]).max().orElse(0);
        double maxHwm = results.stream().mapToDouble(x -> x[3]).max().orElse(0);
        System.out.printf(Locale.ROOT, "service VmHWM after seeding (peak since start): %.0f MiB%n", hwmAfterSeed / 1024.0);
        System.out.printf(Locale.ROOT, "RESULT migration bytes=%d runs=%d median_wall_s=%.3f median_job_s=%.3f "
                        + "wall_mibs=%.1f job_mibs=%.1f peak_rss_mib=%.0f peak_hwm_mib=%.0f seed_s=%.2f%n",
                size, runs, medWall, medJob, size / MIB / medWall, size / MIB / medJob, maxRss, maxHwm, seedSeconds);
    }

    /** The first event of each state, seconds after started_at, and how many progress events there were. */
    static String timeline(JsonNode job, Instant started) {
        StringBuilder sb = new StringBuilder();
        String last = null;
        int copyingEvents = 0;
        for (JsonNode e : job.path("events")) {
            if (e.path("ts").isMissingNode() || e.path("ts").isNull()) continue;
            String state = e.path("state").asText();
            if (state.equals("copying")) copyingEvents++;
            if (state.equals(last)) continue;
            last = state;
            double at = Duration.between(started, Instant.parse(e.path("ts").asText())).toNanos() / 1e9;
            if (sb.length() > 0) sb.append(", ");
            sb.append(state).append(String.format(Locale.ROOT, "@%.2fs", at));
        }
        return sb.length() == 0 ? "(no events)" : sb + " (" + copyingEvents + " copying/progress events)";
    }

    static double median(List<double[]> rows, int col) {
        double[] v = rows.stream().mapToDouble(x -> x[col]).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static boolean resetHwm(int pid) {
        if (pid <= 0) return false;
        try {
            Files.writeString(Path.of("/proc/" + pid + "/clear_refs"), "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static long statusKb(int pid, String field) {
        if (pid <= 0) return -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone or unreadable
        }
        return -1;
    }

    static HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(600));
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void say(String fmt, Object... args) {
        System.err.printf(Locale.ROOT, "[MigrationBench] " + fmt + "%n", args);
    }

    /** Ends the benchmark at once if the service process disappears, instead of waiting on timeouts. */
    static void watch(int pid) {
        if (pid <= 0) return;
        Thread t = new Thread(() -> {
            while (true) {
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == false) {
                    System.err.println("[MigrationBench] the service process " + pid + " is gone; aborting");
                    Runtime.getRuntime().halt(3);
                }
                try { Thread.sleep(250); } catch (InterruptedException e) { return; }
            }
        }, "service-watchdog");
        t.setDaemon(true);
        t.start();
    }
}
