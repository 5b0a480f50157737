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
 * Stores benchmark (a figure, not a test); bench/stores.sh builds, starts S3Proxy and the service, and runs it:
 *
 * <pre>java -cp target/classes:$(cat cp.txt) bench/StoresBench.java --base-url=http://127.0.0.1:18080 \
 *      --storage-root=$DIM_DATA_DIR/storage --service-pid=PID --s3-endpoint=http://127.0.0.1:19500 \
 *      [--mode=compare|memory] [--size=1073741824] [--objects=10000] [--object-size=10240] [--mem-size=2147483648]
 *      [--mem-objects=1] [--passes=2]</pre>
 *
 * mode=compare, --passes passes, each over data of its own (the first pass times the service's first moves
 * after its start, while the JIT compiles the paths they take; later passes time the same service warm, as a
 * long-running service moves most of its data): two datasets are seeded through the service (one object of
 * --size bytes; --objects objects of --object-size bytes under a directory), then
 * <ol>
 * <li>file->file: {@code cp -r} + {@code sha256sum} (and {@code find -exec sha256sum}) of the copy, then
 *     the service moves each dataset to a new directory on the same disk;</li>
 * <li>file->s3: {@code rclone copy --checksum} of what the service just wrote, then the service moves it to
 *     s3://bucket/...;</li>
 * <li>s3->s3: {@code rclone copy --checksum} of the service's S3 objects, streamed through rclone
 *     ({@code --disable Copy}) and with rclone's default server-side copy, then the service moves them to
 *     another prefix.</li>
 * </ol>
 * The service moves (it deletes the source once the copy is verified), so next to each rclone copy stands
 * {@code rclone move --checksum} of the same data, which deletes its source too: file->s3 moves a scratch
 * copy of the files, s3->s3 moves rclone's own two copies on.
 * mode=memory: --mem-size bytes (one object, or --mem-objects objects) seeded on file and moved to S3 (run the
 * service with -Xmx256m); reports the service's VmHWM and sampled VmRSS during the move.
 * The rclone remote is "bench:" configured by RCLONE_CONFIG_BENCH_* in the environment (stores.sh sets it).
 */
public class StoresBench {

    static final ObjectMapper JSON = new ObjectMapper();
    static final double MIB = 1024.0 * 1024.0;
    static HttpClient http;
    static String baseUrl;
    static int pid;
    static int timeout;
    static final List<String[]> TABLE = new ArrayList<>();   // shape, route, what, seconds, MiB/s, obj/s, peak
    static final List<String> RESULTS = new ArrayList<>();
    static int pass = 1;

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) throw new IllegalArgumentException("--key=value: " + arg);
            a.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        baseUrl = a.getOrDefault("base-url", "http://127.0.0.1:18080");
        Path root = Path.of(a.get("storage-root")).toAbsolutePath();
        pid = Integer.parseInt(a.getOrDefault("service-pid", "-1"));
        String bucket = a.getOrDefault("bucket", "bench");
        String mode = a.getOrDefault("mode", "compare");
        timeout = Integer.parseInt(a.getOrDefault("timeout-seconds", "900"));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        watch(pid);
        String tag = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        if (mode.equals("memory")) {
            memory(root, bucket, tag, Long.parseLong(a.getOrDefault("mem-size", "2147483648")),
                    Integer.parseInt(a.getOrDefault("mem-objects", "1")));
        } else {
            int passes = Integer.parseInt(a.getOrDefault("passes", "2"));
            for (pass = 1; pass <= passes; pass++) {
                compare(root, bucket, tag + "p" + pass, Long.parseLong(a.getOrDefault("size", "1073741824")),
                        Integer.parseInt(a.getOrDefault("objects", "10000")), Long.parseLong(a.getOrDefault("object-size", "10240")));
            }
        }
    }

    // ------------------------------------------------------------------------------------------ compare

    static void compare(Path root, String bucket, String tag, long size, int n, long objectSize) throws Exception {
        long smallTotal = n * objectSize;
        String big = "big-" + tag, small = "small-" + tag;
        long bigId = seed(root, big, size, 1);
        long smallId = seed(root, small, smallTotal, n);

        // 1. file -> file
        String bigLabel = String.format(Locale.ROOT, "1 x %.0f MiB", size / MIB);
        String smallLabel = String.format(Locale.ROOT, "%d x %.0f KiB", n, objectSize / 1024.0);
        Map<String, String> env = new HashMap<>();
        env.put("SRC", root.resolve(big).toString());
        env.put("DST", root.resolve("cp-" + big).toString());
        double cpBig = timed("cp -r \"$SRC\" \"$DST\" && sha256sum \"$DST\" >/dev/null", env);
        shellOk("rm -rf \"$DST\" && sync", env);
        double cpSyncBig = timed("cp -r \"$SRC\" \"$DST\" && sync && sha256sum \"$DST\" >/dev/null", env);
        shellOk("rm -rf \"$DST\" && sync", env);
        env.put("SRC", root.resolve(small).toString());
        env.put("DST", root.resolve("cp-" + small).toString());
        double cpSmall = timed("cp -r \"$SRC\" \"$DST\" && find \"$DST\" -type f -exec sha256sum {} + >/dev/null", env);
        shellOk("rm -rf \"$DST\" && sync", env);
        double cpSyncSmall = timed("cp -r \"$SRC\" \"$DST\" && sync && find \"$DST\" -type f -exec sha256sum {} + >/dev/null", env);
        shellOk("rm -rf \"$DST\" && sync", env);
        double[] svcFfBig = move(bigId, "file://" + root.resolve(big + "-ff"), size, 1);
        double[] svcFfSmall = move(smallId, "file://" + root.resolve(small + "-ff"), smallTotal, n);
        pair("file->file", bigLabel, size, 1, svcFfBig, "cp -r + sha256sum", cpBig);
        extra("file->file", bigLabel, size, 1, "cp -r + sync + sha256sum", cpSyncBig);
        pair("file->file", smallLabel, smallTotal, n, svcFfSmall, "cp -r + find -exec sha256sum {} +", cpSmall);
        extra("file->file", smallLabel, smallTotal, n, "cp -r + sync + find -exec sha256sum {} +", cpSyncSmall);

        // 2. file -> s3 (rclone copies what the service just wrote, before the service moves it away)
        env.put("SRC", root.resolve(big + "-ff").toString());
        double rcBig = timed("rclone copy --checksum \"$SRC\" bench:" + bucket + "/rc-fs3-" + big, env);
        double rcBigCheck = timed("rclone check --download \"$SRC\" bench:" + bucket + "/rc-fs3-" + big + " 2>/dev/null", env);
        env.put("SRC", root.resolve(small + "-ff").toString());
        double rcSmall = timed("rclone copy --checksum \"$SRC\" bench:" + bucket + "/rc-fs3-" + small, env);
        double rcSmallCheck = timed("rclone check --download \"$SRC\" bench:" + bucket + "/rc-fs3-" + small + " 2>/dev/null", env);
        // rclone move deletes its source as the service does: it moves a scratch copy of the same files
        double rcMvBig = rcloneMoveFromFiles(root.resolve(big + "-ff"), root.resolve("rcmv-" + big),
                "bench:" + bucket + "/rcmv-fs3-" + big, env);
        double rcMvSmall = rcloneMoveFromFiles(root.resolve(small + "-ff"), root.resolve("rcmv-" + small),
                "bench:" + bucket + "/rcmv-fs3-" + small, env);
        double[] svcFsBig = move(bigId, "s3://" + bucket + "/svc-" + big, size, 1);
        double[] svcFsSmall = move(smallId, "s3://" + bucket + "/svc-" + small, smallTotal, n);
        pair("file->s3", bigLabel, size, 1, svcFsBig, "rclone copy --checksum", rcBig);
        extra("file->s3", bigLabel, size, 1, "rclone copy --checksum + rclone check --download", rcBig + rcBigCheck);
        pair("file->s3", smallLabel, smallTotal, n, svcFsSmall, "rclone copy --checksum", rcSmall);
        extra("file->s3", smallLabel, smallTotal, n, "rclone copy --checksum + rclone check --download", rcSmall + rcSmallCheck);
        extra("file->s3", bigLabel, size, 1, "rclone move --checksum (deletes the source too)", rcMvBig);
        extra("file->s3", smallLabel, smallTotal, n, "rclone move --checksum (deletes the source too)", rcMvSmall);

        // 3. s3 -> s3 (rclone copies the service's objects, before the service moves them away)
        String s = "bench:" + bucket + "/svc-";
        double rcS3Big = timed("rclone copy --checksum --disable Copy " + s + big + " bench:" + bucket + "/rc-s3s3-" + big, env);
        double rcS3BigSs = timed("rclone copy --checksum " + s + big + " bench:" + bucket + "/rc-s3s3ss-" + big, env);
        double rcS3Small = timed("rclone copy --checksum --disable Copy " + s + small + " bench:" + bucket + "/rc-s3s3-" + small, env);
        double rcS3SmallSs = timed("rclone copy --checksum " + s + small + " bench:" + bucket + "/rc-s3s3ss-" + small, env);
        // and rclone's moves of its own two copies, streamed and server-side
        String rb = "bench:" + bucket;
        double rcMvS3Big = timed("rclone move --checksum --disable Copy " + rb + "/rc-s3s3-" + big + " " + rb + "/rcmv-s3s3-" + big, env);
        double rcMvS3BigSs = timed("rclone move --checksum " + rb + "/rc-s3s3ss-" + big + " " + rb + "/rcmvss-s3s3-" + big, env);
        double rcMvS3Small = timed("rclone move --checksum --disable Copy " + rb + "/rc-s3s3-" + small + " " + rb + "/rcmv-s3s3-" + small, env);
        double rcMvS3SmallSs = timed("rclone move --checksum " + rb + "/rc-s3s3ss-" + small + " " + rb + "/rcmvss-s3s3-" + small, env);
        double[] svcSsBig = move(bigId, "s3://" + bucket + "/svc2-" + big, size, 1);
        double[] svcSsSmall = move(smallId, "s3://" + bucket + "/svc2-" + small, smallTotal, n);
        pair("s3->s3", bigLabel, size, 1, svcSsBig, "rclone copy --checksum --disable Copy (streamed)", rcS3Big);
        extra("s3->s3", bigLabel, size, 1, "rclone copy --checksum (server-side copy)", rcS3BigSs);
        pair("s3->s3", smallLabel, smallTotal, n, svcSsSmall, "rclone copy --checksum --disable Copy (streamed)", rcS3Small);
        extra("s3->s3", smallLabel, smallTotal, n, "rclone copy --checksum (server-side copy)", rcS3SmallSs);
        extra("s3->s3", bigLabel, size, 1, "rclone move --checksum --disable Copy (streamed)", rcMvS3Big);
        extra("s3->s3", bigLabel, size, 1, "rclone move --checksum (server-side copy)", rcMvS3BigSs);
        extra("s3->s3", smallLabel, smallTotal, n, "rclone move --checksum --disable Copy (streamed)", rcMvS3Small);
        extra("s3->s3", smallLabel, smallTotal, n, "rclone move --checksum (server-side copy)", rcMvS3SmallSs);

        // rclone's view of the service's objects: plain objects another client can list
        shell("echo \"rclone size of the service's last S3 copies:\"; rclone size bench:" + bucket + "/svc2-" + big
                + "; rclone size bench:" + bucket + "/svc2-" + small, env);

        System.out.println();
        System.out.printf(Locale.ROOT, "=== stores, pass %d (%s): service moves vs reference tools on the same data ===%n",
                pass, pass == 1 ? "the service's first moves after its start" : "the same service, warm");
        System.out.printf(Locale.ROOT, "%-11s %-12s %-52s %9s %9s %10s %8s %s%n", "route", "shape", "what", "seconds",
                "MiB/s", "objects/s", "ratio", "service VmHWM / sampled RSS");
        for (String[] r : TABLE) {
            System.out.printf(Locale.ROOT, "%-11s %-12s %-52s %9s %9s %10s %8s %s%n", (Object[]) r);
        }
        System.out.println("(ratio = reference seconds / service seconds; 1.0 = as fast as the reference; "
                + "service seconds = plan -> completed as the client sees it)");
        RESULTS.forEach(System.out::println);
        TABLE.clear();
        RESULTS.clear();
    }

    static void pair(String route, String shape, long bytes, int objects, double[] svc, String ref, double refSeconds) {
        double ratio = refSeconds / svc[0];
        TABLE.add(row(route, shape, "service (plan -> completed)", svc[0], bytes, objects, "",
                String.format(Locale.ROOT, "%.0f / %.0f MiB", svc[3], svc[2])));
        TABLE.add(row(route, shape, "  job started_at -> finished_at", svc[1], bytes, objects, "", ""));
        TABLE.add(row(route, shape, ref, refSeconds, bytes, objects, String.format(Locale.ROOT, "%.2f", ratio), ""));
        RESULTS.add(String.format(Locale.ROOT, "RESULT pass=" + pass + " route=%s shape=\"%s\" service_s=%.2f job_s=%.2f ref=\"%s\" ref_s=%.2f "
                        + "ratio=%.2f service_mibs=%.1f ref_mibs=%.1f service_objs=%.1f ref_objs=%.1f hwm_mib=%.0f",
                route, shape, svc[0], svc[1], ref, refSeconds, ratio, bytes / MIB / svc[0], bytes / MIB / refSeconds,
                objects / svc[0], objects / refSeconds, svc[3]));
    }

    static void extra(String route, String shape, long bytes, int objects, String ref, double refSeconds) {
        double svc = 0;
        for (int i = TABLE.size() - 1; i >= 0; i--) {
            if (TABLE.get(i)[0].equals(route) && TABLE.get(i)[1].equals(shape) && TABLE.get(i)[2].startsWith("service")) {
                svc = Double.parseDouble(TABLE.get(i)[3]);
                break;
            }
        }
        TABLE.add(row(route, shape, ref, refSeconds, bytes, objects, String.format(Locale.ROOT, "%.2f", refSeconds / svc), ""));
        RESULTS.add(String.format(Locale.ROOT, "RESULT pass=" + pass + " route=%s shape=\"%s\" ref=\"%s\" ref_s=%.2f ratio=%.2f",
                route, shape, ref, refSeconds, refSeconds / svc));
    }

    static String[] row(String route, String shape, String what, double s, long bytes, int objects, String ratio, String mem) {
        return new String[] {route, shape, what, String.format(Locale.ROOT, "%.2f", s),
                String.format(Locale.ROOT, "%.1f", bytes / MIB / s), String.format(Locale.ROOT, "%.1f", objects / s), ratio, mem};
    }

    // ------------------------------------------------------------------------------------------- memory

    static void memory(Path root, String bucket, String tag, long size, int objects) throws Exception {
        String name = "huge-" + tag;
        long id = seed(root, name, size, objects);
        long hwmSinceStart = statusKb(pid, "VmHWM");
        double[] m = move(id, "s3://" + bucket + "/mem-" + name, size, objects);
        System.out.println();
        System.out.printf(Locale.ROOT, "=== memory: %.0f MiB in %d object(s) file -> s3, service JVM options: %s ===%n",
                size / MIB, objects, System.getenv().getOrDefault("SERVICE_JAVA_OPTS", "(none)"));
        System.out.printf(Locale.ROOT, "completed: yes (%d objects verified, %d bytes), plan -> completed %.2f s = %.1f MiB/s, "
                        + "%.1f objects/s, job %.2f s%n", objects, size, m[0], size / MIB / m[0], objects / m[0], m[1]);
        System.out.printf(Locale.ROOT, "service VmHWM since start, through seeding: %.0f MiB; during the move (reset before "
                + "planning): VmHWM %.0f MiB, sampled VmRSS peak %.0f MiB%n", hwmSinceStart / 1024.0, m[3], m[2]);
        System.out.printf(Locale.ROOT, "RESULT memory objects=" + objects + " bytes=%d completed=true service_s=%.2f mibs=%.1f hwm_seed_mib=%.0f "
                + "hwm_move_mib=%.0f rss_peak_mib=%.0f%n", size, m[0], size / MIB / m[0], hwmSinceStart / 1024.0, m[3], m[2]);
    }

    // ------------------------------------------------------------------------------------------ helpers

    static long seed(Path root, String name, long size, int objects) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("path_uri", "file://" + root.resolve(name));
        body.put("size_bytes", size);
        body.put("auto_seed", true);
        if (objects > 1) body.put("seed_objects", objects);
        long t0 = System.nanoTime();
        HttpResponse<String> r = send("POST", "/datasets", JSON.writeValueAsString(body));
        double s = (System.nanoTime() - t0) / 1e9;
        if (r.statusCode() != 201) throw new IllegalStateException("POST /datasets answered " + r.statusCode() + ": " + r.body());
        long id = JSON.readTree(r.body()).get("id").asLong();
        say("seeded dataset %d '%s': %d objects, %d bytes in %.2f s", id, name, objects, size, s);
        return id;
    }

    /** One migration; returns {plan->completed s, started_at->finished_at s, sampled peak RSS MiB, VmHWM MiB}. */
    static double[] move(long datasetId, String target, long size, int objects) throws Exception {
        boolean reset = resetHwm(pid);
        AtomicLong peak = new AtomicLong(statusKb(pid, "VmRSS"));
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                peak.accumulateAndGet(statusKb(pid, "VmRSS"), Math::max);
                try { Thread.sleep(50); } catch (InterruptedException e) { return; }
            }
        }, "rss-sampler");
        sampler.setDaemon(true);
        sampler.start();
        long t0 = System.nanoTime();
        HttpResponse<String> planned = send("POST", "/plan-migration", JSON.writeValueAsString(Map.of(
                "dataset_id", datasetId, "storage_class", "warm", "target_location", target)));
        if (planned.statusCode() != 202) {
            throw new IllegalStateException("POST /plan-migration answered " + planned.statusCode() + ": " + planned.body());
        }
        long jobId = JSON.readTree(planned.body()).get("id").asLong();
        long deadline = t0 + timeout * 1_000_000_000L;
        String state;
        while (true) {   // the list form: GET /jobs/{id} would carry the whole manifest (10,000 rows) every time
            JsonNode page = JSON.readTree(send("GET", "/jobs?dataset_id=" + datasetId + "&limit=1", null).body());
            JsonNode job = page.path("items").path(0);
            state = job.path("id").asLong() == jobId ? job.path("state").asText() : "?";
            if (state.equals("completed") || state.equals("failed")) break;
            if (System.nanoTime() > deadline) throw new IllegalStateException("job " + jobId + " still " + state);
            Thread.sleep(100);
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        sampling.set(false);
        sampler.join();
        long hwm = statusKb(pid, "VmHWM");
        Thread.sleep(500); // the timeline is written from migration_status, asynchronously
        JsonNode job = JSON.readTree(send("GET", "/jobs/" + jobId, null).body());
        if (!state.equals("completed")) throw new IllegalStateException("job " + jobId + " " + state + ": " + job.path("error"));
        Instant started = Instant.parse(job.path("started_at").asText());
        double jobSeconds = Duration.between(started, Instant.parse(job.path("finished_at").asText())).toNanos() / 1e9;
        int listed = 0, verified = 0;
        long bytes = 0;
        // the manifest a page at a time (GET /jobs/{id} shows only its first page)
        for (String after = ""; after != null; ) {
            JsonNode page = JSON.readTree(send("GET", "/jobs/" + jobId + "/objects?limit=1000"
                    + (after.isEmpty() ? "" : "&after=" + java.net.URLEncoder.encode(after, java.nio.charset.StandardCharsets.UTF_8)),
                    null).body());
            for (JsonNode o : page.path("items")) {
                listed++;
                bytes += o.path("size_bytes").asLong();
                if (o.path("verified").asBoolean()) verified++;
            }
            after = page.path("next_after").isNull() || page.path("next_after").isMissingNode() ? null
                    : page.path("next_after").asText();
        }
        if (listed != objects || verified != objects || bytes != size || job.path("bytes_total").asLong() != size) {
            throw new IllegalStateException("job " + jobId + ": manifest " + listed + " objects (" + verified + " verified), "
                    + bytes + " bytes, bytes_total " + job.path("bytes_total") + "; expected " + objects + " / " + size);
        }
        say("job %d -> %s: plan->completed %.2f s, job %.2f s, %d objects verified; timeline %s; VmHWM %.0f MiB%s, "
                        + "sampled RSS peak %.0f MiB", jobId, target, wall, jobSeconds, verified, timeline(job, started),
                hwm / 1024.0, reset ? " (reset before planning)" : " (since start)", peak.get() / 1024.0);
        return new double[] {wall, jobSeconds, peak.get() / 1024.0, hwm / 1024.0};
    }

    static String timeline(JsonNode job, Instant started) {
        StringBuilder sb = new StringBuilder();
        String last = null;
        int events = 0;
        for (JsonNode e : job.path("events")) {
            if (e.path("ts").isMissingNode() || e.path("ts").isNull()) continue;
            events++;
            String state = e.path("state").asText();
            if (state.equals(last)) continue;
            last = state;
            double at = Duration.between(started, Instant.parse(e.path("ts").asText())).toNanos() / 1e9;
            sb.append(sb.length() > 0 ? ", " : "").append(state).append(String.format(Locale.ROOT, "@%.2fs", at));
        }
        return sb + " (" + events + " events)";
    }

    /** {@code rclone move --checksum} of a scratch copy of {@code files} (made and synced untimed). */
    static double rcloneMoveFromFiles(Path files, Path scratch, String remote, Map<String, String> env) throws Exception {
        Map<String, String> e = new HashMap<>(env);
        e.put("FILES", files.toString());
        e.put("SCRATCH", scratch.toString());
        shellOk("cp -r \"$FILES\" \"$SCRATCH\" && sync", e);
        double s = timed("rclone move --checksum \"$SCRATCH\" " + remote, e);
        shellOk("rm -rf \"$SCRATCH\"", e);
        return s;
    }

    static double timed(String command, Map<String, String> env) throws Exception {
        long t0 = System.nanoTime();
        shellOk(command, env);
        double s = (System.nanoTime() - t0) / 1e9;
        say("%.2f s: %s", s, command.replace("\"$SRC\"", env.getOrDefault("SRC", "")).replace("\"$DST\"", env.getOrDefault("DST", "")));
        return s;
    }

    static void shellOk(String command, Map<String, String> env) throws Exception {
        int rc = shell(command, env);
        if (rc != 0) throw new IllegalStateException("'" + command + "' exited with " + rc);
    }

    static int shell(String command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT);
        pb.environment().remove("AWS_CA_BUNDLE"); // rclone 1.60 cannot load a CA bundle for a plain-HTTP endpoint
        pb.environment().putAll(env);
        return pb.start().waitFor();
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
                if (line.startsWith(field + ":")) return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
            }
        } catch (IOException | RuntimeException e) {
            // gone or unreadable
        }
        return -1;
    }

    static HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(900));
        if (body != null) b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        else b.method(method, HttpRequest.BodyPublishers.noBody());
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void say(String fmt, Object... args) {
        System.err.printf(Locale.ROOT, "[StoresBench %tT] " + fmt + "%n", prepend(java.time.LocalTime.now(), args));
    }

    static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    static void watch(int pid) {
        if (pid <= 0) return;
        Thread t = new Thread(() -> {
            while (true) {
                if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    System.err.println("[StoresBench] the service process " + pid + " is gone; aborting");
                    Runtime.getRuntime().halt(3);
                }
                try { Thread.sleep(250); } catch (InterruptedException e) { return; }
            }
        }, "service-watchdog");
        t.setDaemon(true);
        t.start();
    }
}
