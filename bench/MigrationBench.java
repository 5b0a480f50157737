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
 * Migration benchmark (a figure, not a test); bench/migration.sh builds and starts the service and runs it:
 *
 * <pre>java -cp target/classes:$(cat cp.txt) bench/MigrationBench.java --base-url=http://127.0.0.1:18080 \
 *      --storage-root=$DIM_DATA_DIR/storage [--service-pid=PID] [--size=1073741824] [--runs=3]</pre>
 *
 * Seeds one dataset of --size bytes (POST /datasets, auto_seed), and writes a same-size random file for the
 * shell baseline under the same storage root (same disk). Then --runs times, alternating so that both see
 * the same machine:
 * <ol>
 * <li>the service moves the dataset to a new location under the storage root (POST /plan-migration, then
 *     GET /jobs/{id} every 50 ms until completed): plan -> completed as the client sees it, started_at ->
 *     finished_at as the job records it, the job's own timeline, and the service's resident memory (VmRSS
 *     sampled every 50 ms; VmHWM after resetting it through /proc/PID/clear_refs just before planning);</li>
 * <li>the baseline, each timed around the shell command: {@code cp src dst; sha256sum dst} (asked for);
 *     {@code cp src dst; sync dst; sha256sum dst} (the service fsyncs its copy);
 *     {@code cp src dst; openssl dgst -sha256 dst} (coreutils' sha256sum does not use the CPU's SHA
 *     instructions, OpenSSL and the JVM do), removing dst after each.</li>
 * </ol>
 * Prints a table per run, the medians, the ratios, and RESULT lines.
 */
public class MigrationBench {

    static final ObjectMapper JSON = new ObjectMapper();
    static final double MIB = 1024.0 * 1024.0;
    static HttpClient http;
    static String baseUrl;

    static final String[][] BASELINES = {
        {"cp + sha256sum", "cp \"$SRC\" \"$DST\" && sha256sum \"$DST\" >/dev/null"},
        {"cp + sync + sha256sum", "cp \"$SRC\" \"$DST\" && sync \"$DST\" && sha256sum \"$DST\" >/dev/null"},
        {"cp + openssl dgst -sha256", "cp \"$SRC\" \"$DST\" && openssl dgst -sha256 \"$DST\" >/dev/null"},
        {"cp alone", "cp \"$SRC\" \"$DST\""},
    };

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
        boolean haveOpenssl = shell("command -v openssl >/dev/null", Map.of()) == 0;

        String tag = Long.toString(System.currentTimeMillis(), 36);
        String name = "migration-bench-" + tag;
        say("seeding %s through the service: %d bytes", name, size);
        long s0 = System.nanoTime();
        HttpResponse<String> created = send("POST", "/datasets", JSON.writeValueAsString(Map.of("name", name,
                "path_uri", "file://" + root.resolve(name), "size_bytes", size, "auto_seed", true)));
        double seedSeconds = (System.nanoTime() - s0) / 1e9;
        if (created.statusCode() != 201) {
            throw new IllegalStateException("POST /datasets answered " + created.statusCode() + ": " + created.body());
        }
        long datasetId = JSON.readTree(created.body()).get("id").asLong();
        say("dataset %d seeded in %.2f s (%.0f MiB/s: generate + hash + write + fsync)", datasetId, seedSeconds,
                size / MIB / seedSeconds);
        long hwmAfterSeed = statusKb(pid, "VmHWM");

        Path baseDir = root.resolve("cp-baseline-" + tag);
        Files.createDirectories(baseDir);
        Map<String, String> env = Map.of("SRC", baseDir.resolve("src").toString(), "DST", baseDir.resolve("dst").toString());
        say("writing the baseline's %d-byte random source file", size);
        check(shell("head -c " + size + " /dev/urandom > \"$SRC\" && sync \"$SRC\"", env), "head -c");

        String[] classes = {"cold", "warm", "hot"};
        List<double[]> svc = new ArrayList<>();       // wall, job, peak rss, hwm
        List<double[]> base = new ArrayList<>();      // one column per BASELINES entry
        try {
            for (int r = 1; r <= runs; r++) {
                svc.add(migrate(pid, datasetId, "file://" + root.resolve(name + "-run" + r),
                        classes[(r - 1) % classes.length], size, r, timeout));
                double[] b = new double[BASELINES.length];
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < BASELINES.length; i++) {
                    if (BASELINES[i][1].contains("openssl") && !haveOpenssl) {
                        b[i] = Double.NaN;
                        continue;
                    }
                    long t0 = System.nanoTime();
                    check(shell(BASELINES[i][1], env), BASELINES[i][1]);
                    b[i] = (System.nanoTime() - t0) / 1e9;
                    check(shell("rm -f \"$DST\" && sync -f \"$SRC\"", env), "rm");
                    line.append(String.format(Locale.ROOT, "%s%s %.2f s", line.length() > 0 ? ", " : "", BASELINES[i][0], b[i]));
                }
                base.add(b);
                say("run %d baseline: %s", r, line);
            }
        } finally {
            shell("rm -rf \"$(dirname \"$SRC\")\"", env);
        }

        // figures
        System.out.println();
        System.out.printf(Locale.ROOT, "=== migration of %d bytes (%.0f MiB): service vs cp + sha256sum, %d alternating runs ===%n",
                size, size / MIB, runs);
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-54s", ""));
        for (int r = 1; r <= runs; r++) head.append(String.format(Locale.ROOT, "%9s", "run " + r));
        head.append(String.format(Locale.ROOT, "%9s%10s", "median", "MiB/s"));
        System.out.println(head);
        double medWall = median(svc, 0);
        double medJob = median(svc, 1);
        row("service: plan -> completed (client) (s)", svc, 0, size);
        row("service: started_at -> finished_at (job) (s)", svc, 1, size);
        double[] medBase = new double[BASELINES.length];
        for (int i = 0; i < BASELINES.length; i++) {
            medBase[i] = median(base, i);
            if (!Double.isNaN(medBase[i])) row(BASELINES[i][0] + " (s)", base, i, size);
        }
        System.out.printf(Locale.ROOT, "%-54s %s%n", "ratio service (plan -> completed) / cp + sha256sum",
                ratios(svc, 0, base, 0));
        System.out.printf(Locale.ROOT, "%-54s %s%n", "ratio service (started -> finished) / cp + sha256sum",
                ratios(svc, 1, base, 0));
        System.out.printf(Locale.ROOT, "%-54s %s%n", "ratio service (plan -> completed) / cp+sync+sha256",
                ratios(svc, 0, base, 1));
        if (haveOpenssl) {
            System.out.printf(Locale.ROOT, "%-54s %s%n", "ratio service (plan -> completed) / cp + openssl",
                    ratios(svc, 0, base, 2));
        }
        System.out.println("(ratio = baseline seconds / service seconds, per run, then the median; 1.0 = as fast as the shell)");
        StringBuilder rss = new StringBuilder();
        for (double[] x : svc) rss.append(String.format(Locale.ROOT, "%s%.0f/%.0f", rss.length() > 0 ? ", " : "", x[2], x[3]));
        System.out.printf(Locale.ROOT, "%-54s %s MiB (sampled VmRSS / VmHWM per run); after seeding VmHWM %.0f MiB%n",
                "service peak RSS during the migrations", rss, hwmAfterSeed / 1024.0);
        double maxRss = svc.stream().mapToDouble(x -> x[2]).max().orElse(0);
        double maxHwm = svc.stream().mapToDouble(x -> x[3]).max().orElse(0);
        System.out.printf(Locale.ROOT, "RESULT migration bytes=%d runs=%d median_wall_s=%.3f median_job_s=%.3f "
                        + "wall_mibs=%.1f job_mibs=%.1f peak_rss_mib=%.0f peak_hwm_mib=%.0f seed_s=%.2f%n",
                size, runs, medWall, medJob, size / MIB / medWall, size / MIB / medJob, maxRss, maxHwm, seedSeconds);
        System.out.printf(Locale.ROOT, "RESULT baseline bytes=%d runs=%d median_cp_sha256sum_s=%.3f median_cp_sync_sha256sum_s=%.3f "
                        + "median_cp_openssl_s=%.3f median_cp_s=%.3f ratio_wall_vs_cp_sha256sum=%.3f%n",
                size, runs, medBase[0], medBase[1], medBase[2], medBase[3], medBase[0] / medWall);
    }

    /** One migration; returns {plan->completed s, started_at->finished_at s, sampled peak RSS MiB, VmHWM MiB}. */
    static double[] migrate(int pid, long datasetId, String target, String storageClass, long size, int r, int timeout)
            throws Exception {
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
            throw new IllegalStateException("POST /plan-migration answered " + planned.statusCode() + ": " + planned.body());
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
        long targetSize;
        if (Files.isRegularFile(targetPath)) {
            targetSize = Files.size(targetPath);
        } else {
            try (var files = Files.walk(targetPath)) {
                targetSize = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            }
        }
        if (bytesTotal != size || targetSize != size) {
            throw new IllegalStateException("bytes_total " + bytesTotal + ", target holds " + targetSize + ", expected " + size);
        }
        say("run %d: job %d -> %s (%s): plan->completed %.2f s, started_at->finished_at %.2f s, attempt %d", r, jobId,
                target.substring(target.lastIndexOf('/') + 1), storageClass, wall, jobSeconds, job.path("attempt").asInt());
        say("  states first seen by polling (s after plan): %s", seen);
        say("  job timeline: %s", timeline(job, started));
        say("  service RSS: %.0f MiB before, sampled peak %.0f MiB, VmHWM %.0f MiB%s", rssBefore / 1024.0,
                peakRss.get() / 1024.0, hwm / 1024.0, hwmReset ? " (reset before planning)" : " (since start)");
        // the dataset now lives at the target; the next run moves it on from there
        return new double[] {wall, jobSeconds, peakRss.get() / 1024.0, hwm / 1024.0};
    }

    static void row(String name, List<double[]> rows, int col, long size) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-54s", name));
        for (double[] x : rows) line.append(String.format(Locale.ROOT, "%9.2f", x[col]));
        double m = median(rows, col);
        line.append(String.format(Locale.ROOT, "%9.2f%10.1f", m, size / MIB / m));
        System.out.println(line);
    }

    /** Per-run baseline/service ratios and their median. */
    static String ratios(List<double[]> svc, int svcCol, List<double[]> base, int baseCol) {
        List<double[]> r = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < svc.size(); i++) {
            double x = base.get(i)[baseCol] / svc.get(i)[svcCol];
            r.add(new double[] {x});
            sb.append(String.format(Locale.ROOT, "%s%.2f", sb.length() > 0 ? " " : "", x));
        }
        return String.format(Locale.ROOT, "%.2f (runs: %s)", median(r, 0), sb);
    }

    /** The first event of each state, seconds after started_at, and how many copying/progress events there were. */
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
        if (v.length == 0) return Double.NaN;
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** Runs a bash command with extra environment variables; returns its exit code. */
    static int shell(String command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT);
        pb.environment().putAll(env);
        return pb.start().waitFor();
    }

    static void check(int code, String what) {
        if (code != 0) throw new IllegalStateException("'" + what + "' exited with " + code);
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
                if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
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
