import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Ingest benchmark (a figure, not a test); bench/ingest.sh builds and starts the service and runs it:
 *
 * <pre>java -cp target/classes:$(cat cp.txt) bench/IngestBench.java --base-url=http://127.0.0.1:18080 \
 *      --bootstrap=127.0.0.1:19092 --db=$DIM_DATA_DIR/dim.db --storage-root=$DIM_DATA_DIR/storage \
 *      [--service-pid=PID] [--events=200000] [--batch=1000] [--clients=4] [--datasets=5] [--warmup=100000]
 *      [--rounds=5]</pre>
 *
 * 1. creates a few small datasets (POST /datasets, 4 KiB each);
 * 2. warms the service's whole path up (HTTP -> access_events -> access_aggregates), not timed;
 * 3. samples the service's own records on access_events, so the raw runs send the very same key and value
 *    bytes; creates every raw topic (partitions as access_events) up front and warms the raw path up;
 * 4. then, --rounds times:
 *    a. raw Kafka: a plain kafka-clients producer configured like the service's (acks=all, idempotent,
 *       linger.ms 0) sends --events records in batches of --batch from --clients concurrent senders, each
 *       waiting for its batch's acks as POST /access-events does, while a consumer (max.poll.records 2000,
 *       as dim.ingest.max-poll-records) reads them; then a fresh consumer re-reads the topic alone, and a
 *       producer sends --events records all asynchronously with one flush (the broker unthrottled);
 *    b. the service: --events events in batches of --batch over --clients concurrent HTTP clients
 *       (java.net.http, HTTP/1.1), timed from the first POST until SELECT SUM(read_count + write_count)
 *       FROM access_aggregates (polled every 20 ms from the SQLite file) has grown by --events; afterwards
 *       the read and write sums are checked to have grown by exactly what was sent.
 * Prints a table per round with medians, and one RESULT line.
 */
public class IngestBench {

    static final ObjectMapper JSON = new ObjectMapper();

    // settings
    static String baseUrl = "http://127.0.0.1:18080";
    static String bootstrap = "127.0.0.1:19092";
    static Path db;
    static Path storageRoot;
    static int events = 200_000;
    static int batch = 1_000;
    static int clients = 4;
    static int datasets = 5;
    static int warmup = 100_000;
    static int servicePid = -1;
    static int timeoutSeconds = 240;
    static int rounds = 5;

    static HttpClient http;

    public static void main(String[] args) throws Exception {
        Map<String, String> a = parse(args);
        baseUrl = a.getOrDefault("base-url", baseUrl);
        bootstrap = a.getOrDefault("bootstrap", bootstrap);
        db = Path.of(require(a, "db"));
        storageRoot = Path.of(require(a, "storage-root")).toAbsolutePath();
        events = Integer.parseInt(a.getOrDefault("events", "" + events));
        batch = Integer.parseInt(a.getOrDefault("batch", "" + batch));
        clients = Integer.parseInt(a.getOrDefault("clients", "" + clients));
        datasets = Integer.parseInt(a.getOrDefault("datasets", "" + datasets));
        warmup = Integer.parseInt(a.getOrDefault("warmup", "" + warmup));
        servicePid = Integer.parseInt(a.getOrDefault("service-pid", "-1"));
        timeoutSeconds = Integer.parseInt(a.getOrDefault("timeout-seconds", "" + timeoutSeconds));
        rounds = Integer.parseInt(a.getOrDefault("rounds", "" + rounds));
        if (events % batch != 0 || warmup % batch != 0) {
            throw new IllegalArgumentException("events and warmup must be multiples of batch");
        }
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        watch(servicePid);

        say("settings: events=%d batch=%d clients=%d datasets=%d warmup=%d rounds=%d base-url=%s bootstrap=%s",
                events, batch, clients, datasets, warmup, rounds, baseUrl, bootstrap);

        // 1. datasets
        List<Long> ids = new ArrayList<>();
        String tag = Long.toString(System.currentTimeMillis(), 36);
        for (int i = 0; i < datasets; i++) {
            String name = "ingest-bench-" + tag + "-" + i;
            String body = JSON.writeValueAsString(Map.of("name", name,
                    "path_uri", "file://" + storageRoot.resolve(name), "size_bytes", 4096, "auto_seed", true));
            HttpResponse<String> r = post("/datasets", body);
            if (r.statusCode() != 201) {
                throw new IllegalStateException("POST /datasets answered " + r.statusCode() + ": " + r.body());
            }
            ids.add(JSON.readTree(r.body()).get("id").asLong());
        }
        say("datasets: %s", ids);

        try (Connection sql = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            try (Statement s = sql.createStatement()) {
                s.execute("PRAGMA busy_timeout = 5000");
            }
            // 2. warm-up through the service (not timed)
            say("warm-up: %d events through the service", warmup);
            ServiceRun w = serviceRun(sql, ids, warmup, "warm-" + tag);
            say("warm-up done: %.0f events/s end to end", w.e2eRate());

            // 3. the service's own record bytes
            List<byte[][]> samples = sampleServiceRecords(Math.min(warmup, 5_000));
            double avgKey = samples.stream().mapToInt(kv -> kv[0].length).average().orElse(0);
            double avgValue = samples.stream().mapToInt(kv -> kv[1].length).average().orElse(0);
            say("access_events records sampled: %d, avg key %.1f B, avg value %.1f B; e.g. %s", samples.size(),
                    avgKey, avgValue, new String(samples.get(0)[1], StandardCharsets.UTF_8));

            // 4. raw Kafka on the same broker
            // every raw topic is created up front: producing into a topic within moments of creating it can
            // hit a retriable error on the first batch while later batches succeed, after which an idempotent
            // producer retries that first batch forever with OUT_OF_ORDER_SEQUENCE_NUMBER (KAFKA-14359)
            List<String> topics = new ArrayList<>(List.of("bench_raw_warmup", "bench_raw_warmup_async"));
            for (int r = 1; r <= rounds; r++) {
                topics.add("bench_raw_" + tag + "_" + r);
                topics.add("bench_raw_" + tag + "_" + r + "_async");
            }
            for (String t : topics) createTopic(t);
            awaitLeaders(topics);
            say("raw warm-up: %d records", warmup);
            rawRun("bench_raw_warmup", samples, warmup);
            rawAsync("bench_raw_warmup_async", samples, warmup);

            // 4 + 5, alternating, --rounds times
            List<double[]> rows = new ArrayList<>();
            boolean exact = true;
            for (int r = 1; r <= rounds; r++) {
                String topic = "bench_raw_" + tag + "_" + r;
                say("round %d/%d, raw kafka: %d records on %s", r, rounds, events, topic);
                RawRun raw = rawRun(topic, samples, events);
                double consumerOnly = consumeAll(topic, events);
                String asyncTopic = topic + "_async";
                double async = rawAsync(asyncTopic, samples, events);
                say("round %d/%d, service: %d events", r, rounds, events);
                ServiceRun svc = serviceRun(sql, ids, events, "run" + r + "-" + tag);
                say("  service: 202s after %.2f s (%.0f/s), all in access_aggregates after %.2f s (%.0f/s), "
                                + "POST p50 %.0f ms p99 %.0f ms, service CPU %.1f s, counts exact: %s",
                        svc.acceptSeconds, svc.acceptRate(), svc.e2eSeconds, svc.e2eRate(), svc.p(0.5), svc.p(0.99),
                        svc.cpuSeconds, svc.exact ? "yes" : "NO (" + svc.countNote + ")");
                exact &= svc.exact;
                rows.add(new double[] {raw.produceRate, raw.e2eRate, consumerOnly, async, svc.acceptRate(),
                        svc.e2eRate(), svc.e2eRate() / raw.e2eRate, svc.p(0.5), svc.p(0.99),
                        svc.cpuSeconds < 0 ? Double.NaN : 100 * svc.cpuSeconds / svc.e2eSeconds});
            }

            // figures
            String[] names = {
                "raw kafka: producer, 1000-record batches acked (ev/s)",
                "raw kafka: produce -> consume, end to end (ev/s)",
                "raw kafka: consumer alone, re-read (ev/s)",
                "raw kafka: producer, all async + one flush (ev/s)",
                "service: HTTP 202s, records acked by Kafka (ev/s)",
                "service: first POST -> all in access_aggregates (ev/s)",
                "ratio service e2e / raw e2e",
                "service: POST latency p50 (ms)",
                "service: POST latency p99 (ms)",
                "service CPU during the run (% of one core)",
            };
            System.out.println();
            System.out.println("=== ingest results (" + events + " events per round, batches of " + batch + ", "
                    + clients + " concurrent senders, " + datasets + " datasets, " + rounds + " rounds) ===");
            StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-56s", ""));
            for (int r = 1; r <= rounds; r++) head.append(String.format(Locale.ROOT, "%10s", "round " + r));
            head.append(String.format(Locale.ROOT, "%10s%10s", "median", "best"));
            System.out.println(head);
            double[] med = new double[names.length];
            for (int i = 0; i < names.length; i++) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-56s", names[i]));
                String fmt = i == 6 ? "%10.3f" : "%10.0f";
                for (double[] row : rows) line.append(String.format(Locale.ROOT, fmt, row[i]));
                final int col = i;
                double[] v = rows.stream().mapToDouble(x -> x[col]).sorted().toArray();
                med[i] = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
                line.append(String.format(Locale.ROOT, fmt, med[i]));
                // best: the highest rate, the lowest latency; for the ratio, best service over best raw
                double best = i == 6 ? Arrays.stream(rows.stream().mapToDouble(x -> x[5]).toArray()).max().orElse(0)
                        / rows.stream().mapToDouble(x -> x[1]).max().orElse(1)
                        : i == 7 || i == 8 ? v[0] : i == 9 ? Double.NaN : v[v.length - 1];
                line.append(i == 9 ? String.format(Locale.ROOT, "%10s", "") : String.format(Locale.ROOT, fmt, best));
                System.out.println(line);
            }
            System.out.printf(Locale.ROOT, "%-56s %s%n", "aggregate counts exact in every round", exact ? "yes" : "NO");
            System.out.println("(ratio median = median of the per-round ratios; best = highest rate / lowest latency seen)");
            System.out.printf(Locale.ROOT, "RESULT ingest events=%d rounds=%d raw_produce_eps=%.0f raw_e2e_eps=%.0f "
                            + "raw_consume_eps=%.0f raw_async_eps=%.0f svc_accept_eps=%.0f svc_e2e_eps=%.0f "
                            + "ratio_e2e=%.3f svc_p50_ms=%.0f svc_p99_ms=%.0f best_raw_e2e_eps=%.0f best_svc_e2e_eps=%.0f "
                            + "exact=%s%n",
                    events, rounds, med[0], med[1], med[2], med[3], med[4], med[5], med[6], med[7], med[8],
                    rows.stream().mapToDouble(x -> x[1]).max().orElse(0),
                    rows.stream().mapToDouble(x -> x[5]).max().orElse(0), exact);
            if (!exact) {
                System.exit(2);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- service

    record ServiceRun(long events, double acceptSeconds, double e2eSeconds, double[] latenciesMs, double cpuSeconds,
                      boolean exact, String countNote) {
        double acceptRate() { return events / acceptSeconds; }
        double e2eRate() { return events / e2eSeconds; }
        double p(double q) {
            if (latenciesMs.length == 0) return Double.NaN;
            int i = (int) Math.ceil(q * latenciesMs.length) - 1;
            return latenciesMs[Math.max(0, Math.min(latenciesMs.length - 1, i))];
        }
    }

    static ServiceRun serviceRun(Connection sql, List<Long> ids, int n, String prefix) throws Exception {
        // bodies built before the clock starts
        int batches = n / batch;
        Random rnd = new Random(42);
        String[] bodies = new String[batches];
        long reads = 0;
        long writes = 0;
        for (int b = 0; b < batches; b++) {
            StringBuilder sb = new StringBuilder(batch * 110).append('[');
            for (int i = 0; i < batch; i++) {
                int seq = b * batch + i;
                boolean read = rnd.nextInt(10) < 8;
                if (read) reads++; else writes++;
                if (i > 0) sb.append(',');
                sb.append("{\"dataset_id\":").append(ids.get(seq % ids.size()))
                        .append(",\"op\":\"").append(read ? "read" : "write")
                        .append("\",\"size_bytes\":").append(100)
                        .append(",\"latency_ms\":").append(String.format(Locale.ROOT, "%.1f", 0.5 + rnd.nextInt(50) / 10.0))
                        .append(",\"event_id\":\"").append(prefix).append('-').append(seq).append("\"}");
            }
            bodies[b] = sb.append(']').toString();
        }
        long[] before = sums(sql);
        long target = before[0] + before[1] + n;

        AtomicInteger next = new AtomicInteger();
        AtomicReference<String> failure = new AtomicReference<>();
        AtomicLong lastAnswer = new AtomicLong();
        double[] latencies = new double[batches];
        long cpu0 = cpuTicks(servicePid);
        CountDownLatch done = new CountDownLatch(clients);
        long t0 = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                try {
                    for (int b; (b = next.getAndIncrement()) < batches && failure.get() == null; ) {
                        long s = System.nanoTime();
                        HttpResponse<String> r = post("/access-events", bodies[b]);
                        long e = System.nanoTime();
                        latencies[b] = (e - s) / 1e6;
                        lastAnswer.accumulateAndGet(e, Math::max);
                        if (r.statusCode() != 202 || JSON.readTree(r.body()).path("accepted").asInt() != batch) {
                            failure.compareAndSet(null, "POST /access-events answered " + r.statusCode() + ": " + r.body());
                        }
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, "POST /access-events failed: " + e);
                } finally {
                    done.countDown();
                }
            }, "http-client-" + c);
            t.start();
        }
        // watch the table while the clients run
        long tDone = -1;
        long deadline = t0 + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        long[] now = before;
        while (System.nanoTime() < deadline) {
            if (failure.get() != null) {
                throw new IllegalStateException(failure.get());
            }
            now = sums(sql);
            if (now[0] + now[1] >= target) {
                tDone = System.nanoTime();
                break;
            }
            Thread.sleep(20);
        }
        done.await(60, TimeUnit.SECONDS);
        if (failure.get() != null) {
            throw new IllegalStateException(failure.get());
        }
        if (tDone < 0) {
            throw new IllegalStateException("access_aggregates reached " + (now[0] + now[1] - before[0] - before[1])
                    + " of " + n + " new events within " + timeoutSeconds + " s");
        }
        long cpu1 = cpuTicks(servicePid);
        // let any late (duplicate) counting show up before checking exactness
        Thread.sleep(1500);
        long[] after = sums(sql);
        boolean exact = after[0] - before[0] == reads && after[1] - before[1] == writes;
        String note = String.format(Locale.ROOT, "reads +%d (sent %d), writes +%d (sent %d)",
                after[0] - before[0], reads, after[1] - before[1], writes);
        Arrays.sort(latencies);
        return new ServiceRun(n, (lastAnswer.get() - t0) / 1e9, (tDone - t0) / 1e9, latencies,
                cpu0 < 0 || cpu1 < 0 ? -1 : (cpu1 - cpu0) / 100.0, exact, note);
    }

    static long[] sums(Connection sql) throws Exception {
        try (Statement s = sql.createStatement();
             ResultSet rs = s.executeQuery("SELECT COALESCE(SUM(read_count), 0), COALESCE(SUM(write_count), 0) "
                     + "FROM access_aggregates")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    static HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** utime + stime of a process in clock ticks (USER_HZ = 100 on Linux), or -1. */
    static long cpuTicks(int pid) {
        if (pid <= 0) return -1;
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    // ---------------------------------------------------------------------------------------------- raw Kafka

    record RawRun(double produceRate, double e2eRate) {
    }

    static List<byte[][]> sampleServiceRecords(int max) {
        Properties p = consumerProps();
        List<byte[][]> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = c.partitionsFor("access_events").stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            long deadline = System.currentTimeMillis() + 30_000;
            while (out.size() < max && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    if (out.size() < max) out.add(new byte[][] {r.key(), r.value()});
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no records found on access_events");
        }
        return out;
    }

    static void createTopic(String name) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            int partitions = admin.describeTopics(List.of("access_events")).allTopicNames().get()
                    .get("access_events").partitions().size();
            try {
                admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
                say("topic %s created with %d partitions (as access_events)", name, partitions);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) throw e;
            }
        }
    }

    /** Waits until every partition of the topics has a leader, then a little longer for the broker. */
    static void awaitLeaders(List<String> topics) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            long deadline = System.currentTimeMillis() + 30_000;
            while (true) {
                boolean ready = admin.describeTopics(topics).allTopicNames().get().values().stream()
                        .allMatch(d -> d.partitions().stream().allMatch(i -> i.leader() != null && !i.leader().isEmpty()));
                if (ready) break;
                if (System.currentTimeMillis() > deadline) throw new IllegalStateException("topics without leaders");
                Thread.sleep(200);
            }
        }
        Thread.sleep(2000);
    }

    static Properties consumerProps() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000); // as dim.ingest.max-poll-records
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return p;
    }

    static RawRun rawRun(String topic, List<byte[][]> samples, int n) throws Exception {
        Properties pp = producerProps();
        AtomicLong consumed = new AtomicLong();
        AtomicLong tLast = new AtomicLong();
        AtomicReference<Throwable> consumerFailure = new AtomicReference<>();
        CountDownLatch consumerReady = new CountDownLatch(1);
        Thread consumer = new Thread(() -> {
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerProps())) {
                List<TopicPartition> parts = c.partitionsFor(topic).stream()
                        .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
                c.assign(parts);
                c.seekToBeginning(parts);
                parts.forEach(c::position); // resolve positions before the clock starts
                consumerReady.countDown();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
                while (consumed.get() < n && System.nanoTime() < deadline) {
                    ConsumerRecords<byte[], byte[]> rs = c.poll(Duration.ofMillis(500));
                    if (!rs.isEmpty()) {
                        consumed.addAndGet(rs.count());
                        tLast.set(System.nanoTime());
                    }
                }
            } catch (Throwable t) {
                consumerFailure.set(t);
                consumerReady.countDown();
            }
        }, "raw-consumer");
        consumer.start();
        consumerReady.await();

        long t0;
        long tProduced;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(pp)) {
            producer.partitionsFor(topic); // metadata before the clock starts
            int batches = n / batch;
            AtomicInteger next = new AtomicInteger();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> senders = new ArrayList<>();
            t0 = System.nanoTime();
            for (int s = 0; s < clients; s++) {
                Thread t = new Thread(() -> {
                    try {
                        List<Future<RecordMetadata>> acks = new ArrayList<>(batch);
                        for (int b; (b = next.getAndIncrement()) < batches; ) {
                            acks.clear();
                            for (int i = 0; i < batch; i++) {
                                byte[][] kv = samples.get((b * batch + i) % samples.size());
                                acks.add(producer.send(new ProducerRecord<>(topic, kv[0], kv[1])));
                            }
                            for (Future<RecordMetadata> f : acks) f.get(); // the batch is acknowledged
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }, "raw-sender-" + s);
                senders.add(t);
                t.start();
            }
            for (Thread t : senders) t.join();
            tProduced = System.nanoTime();
            if (failure.get() != null) throw new IllegalStateException("raw producer failed", failure.get());
        }
        consumer.join();
        if (consumerFailure.get() != null) throw new IllegalStateException("raw consumer failed", consumerFailure.get());
        if (consumed.get() < n) throw new IllegalStateException("raw consumer got " + consumed.get() + " of " + n);
        RawRun r = new RawRun(n / ((tProduced - t0) / 1e9), n / ((tLast.get() - t0) / 1e9));
        say("  %s: produced in %.2f s (%.0f/s), consumed by %.2f s (%.0f/s)", topic, (tProduced - t0) / 1e9,
                r.produceRate, (tLast.get() - t0) / 1e9, r.e2eRate);
        return r;
    }

    /** One producer sends all records asynchronously and flushes once: what the broker takes unthrottled. */
    static double rawAsync(String topic, List<byte[][]> samples, int n) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps())) {
            producer.partitionsFor(topic);
            AtomicReference<Exception> failure = new AtomicReference<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                byte[][] kv = samples.get(i % samples.size());
                producer.send(new ProducerRecord<>(topic, kv[0], kv[1]), (m, e) -> {
                    if (e != null) failure.compareAndSet(null, e);
                });
            }
            producer.flush();
            long t1 = System.nanoTime();
            if (failure.get() != null) throw new IllegalStateException("async producer failed", failure.get());
            double rate = n / ((t1 - t0) / 1e9);
            say("  %s: async produce + flush in %.2f s (%.0f/s)", topic, (t1 - t0) / 1e9, rate);
            return rate;
        }
    }

    static Properties producerProps() {
        Properties pp = new Properties();
        pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        pp.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        pp.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        pp.put(ProducerConfig.ACKS_CONFIG, "all");                 // as camel.component.kafka.request-required-acks
        pp.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);    // as camel.component.kafka.enable-idempotence
        pp.put(ProducerConfig.LINGER_MS_CONFIG, 0);                // camel-kafka's default (kafka-clients 4 defaults to 5)
        // batch.size 16384, max.in.flight 5, buffer.memory 32 MiB, no compression: both defaults agree
        return pp;
    }

    /** A fresh consumer reads the whole topic alone; records per second. */
    static double consumeAll(String topic, int n) {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerProps())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            parts.forEach(c::position);
            long count = 0;
            long t0 = System.nanoTime();
            long tLast = t0;
            long deadline = t0 + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            while (count < n && System.nanoTime() < deadline) {
                ConsumerRecords<byte[], byte[]> rs = c.poll(Duration.ofMillis(500));
                if (!rs.isEmpty()) {
                    count += rs.count();
                    tLast = System.nanoTime();
                }
            }
            if (count < n) throw new IllegalStateException("re-read got " + count + " of " + n);
            double rate = n / ((tLast - t0) / 1e9);
            say("  %s re-read alone in %.2f s (%.0f/s)", topic, (tLast - t0) / 1e9, rate);
            return rate;
        }
    }

    // ---------------------------------------------------------------------------------------------- helpers

    static void say(String fmt, Object... args) {
        System.err.printf(Locale.ROOT, "[IngestBench] " + fmt + "%n", args);
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("arguments are --key=value, got " + arg);
            }
            m.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return m;
    }

    static String require(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) throw new IllegalArgumentException("--" + key + "=... is required");
        return v;
    }

    /** Ends the benchmark at once if the service process disappears, instead of waiting on timeouts. */
    static void watch(int pid) {
        if (pid <= 0) return;
        Thread t = new Thread(() -> {
            while (true) {
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == false) {
                    System.err.println("[IngestBench] the service process " + pid + " is gone; aborting");
                    Runtime.getRuntime().halt(3);
                }
                try { Thread.sleep(250); } catch (InterruptedException e) { return; }
            }
        }, "service-watchdog");
        t.setDaemon(true);
        t.start();
    }
}
