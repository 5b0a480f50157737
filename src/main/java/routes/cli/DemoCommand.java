package routes.cli;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import routes.plan.sim.TraceEvent;
import routes.plan.sim.TraceGenerator;

/**
 * Live traffic for a demo: a generated trace (the replay's seeded patterns) posted to a running service
 * as it happens, one simulated day every {@code --day-seconds}. Each trace dataset is registered first
 * (seeded with a few real bytes under the local store, so moves have something to move) and its reads
 * scaled to that size. Event ids come from the seed, so running the same demo again counts nothing twice.
 */
@Command(name = "demo", description = {"Post a generated trace's events to the service, live, for demos:",
        "datasets registered and seeded, then one simulated day of events every --day-seconds."})
final class DemoCommand implements Callable<Integer> {

    private static final int BATCH = 1000;

    @ParentCommand
    Dim dim;

    @Option(names = "--seed", defaultValue = "1", description = "same seed, same trace (default: ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--datasets", defaultValue = "20", description = "default: ${DEFAULT-VALUE}")
    int datasets;
    @Option(names = "--days", defaultValue = "30", description = "simulated days (default: ${DEFAULT-VALUE})")
    int days;
    @Option(names = "--mix", defaultValue = "balanced", paramLabel = "balanced|mostly-hot|mostly-cold|PATTERN",
            description = "default: ${DEFAULT-VALUE}")
    String mix;
    @Option(names = "--day-seconds", defaultValue = "2", paramLabel = "S",
            description = "real seconds per simulated day (default: ${DEFAULT-VALUE}; 0: as fast as possible)")
    double daySeconds;
    @Option(names = "--dataset-bytes", converter = Units.Size.class, defaultValue = "1MiB", paramLabel = "SIZE",
            description = "bytes seeded per dataset (default: ${DEFAULT-VALUE})")
    long datasetBytes;
    @Option(names = "--prefix", paramLabel = "URI",
            description = "where the datasets are created (default: the 'local' store's prefix)")
    String prefix;

    @Override
    public Integer call() throws InterruptedException {
        TraceGenerator trace;
        try {
            trace = new TraceGenerator(seed, datasets, days, mix);
        } catch (IllegalArgumentException e) {
            throw new ApiFailure(Dim.REFUSED, e.getMessage());
        }
        ApiClient api = dim.client();
        PrintWriter out = dim.out();
        String at = prefix != null ? prefix : localPrefix(api);
        Map<String, Long> ids = existing(api);
        ArrayNode batch = ApiClient.JSON.createArrayNode();
        long posted = 0;
        long day = -1;
        long started = System.nanoTime();
        // the trace's n-th event has the same id in every run of the same demo
        String runId = namePrefix() + datasets + "x" + days;
        long sequence = 0;
        while (trace.hasNext()) {
            TraceEvent e = trace.next();
            long d = e.tsMillis() / 86_400_000L;
            if (d != day) {
                posted += flush(api, batch);
                if (day >= 0) {
                    dayDone(out, day, posted);
                    pace(started, d - TraceGenerator.firstEpochDay());
                }
                day = d;
            }
            long id = ids.computeIfAbsent(e.datasetId(), name -> create(api, name, at));
            double scale = e.sizeBytes() > 0 ? (double) datasetBytes / e.sizeBytes() : 1;
            batch.add(ApiClient.body("dataset_id", id, "op", e.read() ? "read" : "write",
                    "size_bytes", Math.max(1, Math.round(e.bytes() * scale)),
                    "event_id", runId + "-" + (sequence++)));
            if (batch.size() == BATCH) {
                posted += flush(api, batch);
            }
        }
        posted += flush(api, batch);
        if (day >= 0) { // the last day, which no next day announces
            dayDone(out, day, posted);
        }
        out.printf("done: %d events to %d datasets over %d simulated days%n", posted, ids.size(), days);
        return Dim.OK;
    }

    private void dayDone(PrintWriter out, long epochDay, long posted) {
        out.printf("day %d of %d: %d events posted%n", epochDay - TraceGenerator.firstEpochDay() + 1, days, posted);
        out.flush();
    }

    /** Sleeps until simulated day {@code d} is due. */
    private void pace(long started, long d) throws InterruptedException {
        long due = started + (long) (d * daySeconds * 1e9);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    private static long flush(ApiClient api, ArrayNode batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        api.post("/access-events", batch);
        int n = batch.size();
        batch.removeAll();
        return n;
    }

    private long create(ApiClient api, String traceId, String at) {
        String name = namePrefix() + traceId;
        return api.post("/datasets", ApiClient.body("name", name, "path_uri", at + name,
                "size_bytes", datasetBytes, "auto_seed", true)).json().path("id").asLong();
    }

    /** The demo's datasets registered by an earlier run of the same demo, by trace id. */
    private Map<String, Long> existing(ApiClient api) {
        Map<String, Long> ids = new HashMap<>();
        String mine = namePrefix();
        for (int offset = 0; ; offset += 1000) {
            JsonNode page = api.get("/datasets", "limit", 1000, "offset", offset).json();
            for (JsonNode d : page.path("items")) {
                String name = d.path("name").asText();
                if (name.startsWith(mine)) {
                    ids.put(name.substring(mine.length()), d.path("id").asLong());
                }
            }
            if (offset + 1000 >= page.path("total").asLong()) {
                return ids;
            }
        }
    }

    /** How this demo's dataset names and event ids start: the same seed and mix, the same datasets. */
    private String namePrefix() {
        return "demo-" + seed + "-" + mix + "-";
    }

    private static String localPrefix(ApiClient api) {
        for (JsonNode s : api.get("/stores").json()) {
            if (s.path("name").asText().equals("local")) {
                return s.path("uri_prefix").asText();
            }
        }
        throw new ApiFailure(Dim.REFUSED, "no store named 'local': give --prefix");
    }
}
