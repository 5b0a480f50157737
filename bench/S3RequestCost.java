import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import routes.storage.Encryption;
import routes.storage.HashingInputStream;
import routes.storage.StoreConfig;
import routes.storage.s3.S3Backend;
import routes.storage.s3.S3Store;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What one S3 request costs the service's S3 client, and the server, once the JIT has compiled the request
 * path: the service's own S3 store (S3Backend: the client the service builds) against a running S3 server,
 * several rounds of the same operation on N small objects in one JVM, 4 at a time as the mover does.
 *
 * <pre>java -cp target/classes:$(cat test-classpath.txt) bench/S3RequestCost.java --endpoint=http://127.0.0.1:19600 \
 *      [--bucket=bench] [--objects=10000] [--size=10240] [--rounds=6] [--server-pid=PID] [--mode=get|put|copy|copy-within]</pre>
 *
 * get: GET and hash each object; put: the store's write (a PUT with the MD5 worked out); copy: the SDK's
 * CopyObject alone; copy-within: what a move within S3 does per object, the store's copyWithin with the
 * source's GET read alongside to hash it. Each round copies the previous round's objects to a fresh prefix.
 * Printed per round: wall, this JVM's CPU and (with --server-pid) the server's CPU, in microseconds per object.
 */
public class S3RequestCost {

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (String arg : args) {
            a.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        String bucket = a.getOrDefault("bucket", "bench");
        int n = Integer.parseInt(a.getOrDefault("objects", "10000"));
        int size = Integer.parseInt(a.getOrDefault("size", "10240"));
        int rounds = Integer.parseInt(a.getOrDefault("rounds", "6"));
        String mode = a.getOrDefault("mode", "copy-within");
        String serverPid = a.get("server-pid");
        Map<String, String> config = Map.of("dim.s3.endpoint", a.get("endpoint"), "dim.s3.path-style", "true",
                "dim.s3.access-key", "test-access", "dim.s3.secret-key", "test-secret");
        StoreConfig settings = (key, fallback) -> config.getOrDefault(key, fallback);
        S3Store store = S3Backend.create(settings);
        S3Client raw = S3Backend.client(settings); // for CopyObject alone, configured as the store's
        byte[] data = new byte[size];
        new SplittableRandom(1).nextBytes(data);
        String run = Long.toString(System.currentTimeMillis(), 36);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        URI seed = URI.create("s3://" + bucket + "/cost-" + run + "-0/");
        each(pool, n, k -> store.write(seed, key(k), new ByteArrayInputStream(data), size, null, Encryption.NONE));
        System.out.printf(Locale.ROOT, "mode=%s objects=%d size=%d%n", mode, n, size);
        for (int r = 1; r <= rounds; r++) {
            URI from = mode.startsWith("copy") ? URI.create("s3://" + bucket + "/cost-" + run + "-" + (r - 1) + "/") : seed;
            URI to = URI.create("s3://" + bucket + "/cost-" + run + "-" + r + "/");
            long cpu0 = os.getProcessCpuTime(), wall0 = System.nanoTime(), server0 = serverTicks(serverPid);
            each(pool, n, k -> {
                switch (mode) {
                    case "get" -> {
                        try (HashingInputStream in = new HashingInputStream(store.openRead(from, key(k)))) {
                            in.drain();
                        }
                    }
                    case "put" -> store.write(to, key(k), new ByteArrayInputStream(data), size, null, Encryption.NONE);
                    case "copy" -> raw.copyObject(c -> c.sourceBucket(bucket).sourceKey(from.getPath().substring(1) + key(k))
                            .destinationBucket(bucket).destinationKey(to.getPath().substring(1) + key(k)));
                    case "copy-within" -> {
                        try (InputStream in = new HashingInputStream(store.openRead(from, key(k)))) {
                            store.copyWithin(from, to, key(k), in, size, null, Encryption.NONE);
                        }
                    }
                    default -> throw new IllegalArgumentException("--mode=get|put|copy|copy-within");
                }
            });
            long cpu1 = os.getProcessCpuTime(), wall1 = System.nanoTime(), server1 = serverTicks(serverPid);
            System.out.printf(Locale.ROOT, "round %d: %.0f us wall, %.0f us client CPU%s per object%n", r,
                    (wall1 - wall0) / 1e3 / n, (cpu1 - cpu0) / 1e3 / n,
                    serverPid == null ? "" : String.format(Locale.ROOT, ", %.0f us server CPU", (server1 - server0) * 1e4 / n));
        }
        pool.shutdown();
        System.exit(0);
    }

    private static String key(int k) {
        return String.format(Locale.ROOT, "part-%05d", k);
    }

    /** utime + stime of a process, in clock ticks (1/100 s). */
    private static long serverTicks(String pid) throws IOException {
        if (pid == null) {
            return 0;
        }
        String[] f = Files.readString(Path.of("/proc", pid, "stat")).split(" ");
        return Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }

    interface Work {
        void run(int k) throws Exception;
    }

    private static void each(ExecutorService pool, int n, Work work) throws Exception {
        List<Future<?>> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int k = i;
            all.add(pool.submit(() -> {
                work.run(k);
                return null;
            }));
        }
        for (Future<?> f : all) {
            f.get();
        }
    }
}
