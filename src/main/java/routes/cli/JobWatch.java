package routes.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code jobs watch}: follows {@code GET /events} and draws a line per job, with a bar for its bytes and one
 * for its objects, until every watched job has completed or failed (watching every job: until Ctrl-C). On a
 * terminal the lines are redrawn in place; piped, a line is printed whenever a job's line changes; with
 * {@code --json}, every update is one JSON line shaped as the stream's events.
 */
final class JobWatch {

    // when the stream is quiet the jobs are asked for: covers an event sent before the stream was open
    private static final Duration QUIET = Duration.ofSeconds(2);

    private final Dim dim;
    private final ApiClient api;
    private final Set<Long> ids; // empty: every job
    private final Map<Long, JsonNode> jobs = new TreeMap<>();
    private final Map<Long, String> printed = new HashMap<>();
    private int drawn;

    JobWatch(Dim dim, Set<Long> ids) {
        this.dim = dim;
        this.api = dim.client();
        this.ids = ids;
    }

    int run() throws InterruptedException {
        try (EventStream events = api.events()) {
            events.next(Duration.ofSeconds(10)); // the stream's first line: from here on, no event is missed
            refresh();
            while (!finished()) {
                String line = events.next(QUIET);
                if (line == null) {
                    refresh();
                } else if (line.startsWith("data:")) {
                    event(line.substring(5).trim());
                }
            }
        }
        boolean failed = jobs.values().stream().anyMatch(j -> j.path("state").asText().equals("failed"));
        return failed ? Dim.JOB_FAILED : Dim.OK;
    }

    private boolean finished() {
        return !ids.isEmpty() && ids.stream().allMatch(id -> jobs.containsKey(id) && ended(jobs.get(id)));
    }

    private void refresh() {
        if (ids.isEmpty()) {
            for (JsonNode job : api.get("/jobs", "limit", 100).json().path("items")) {
                if (!ended(job) || jobs.containsKey(job.path("id").asLong())) {
                    update(asEvent(job));
                }
            }
        } else {
            for (long id : ids) {
                if (!jobs.containsKey(id) || !ended(jobs.get(id))) {
                    update(asEvent(api.get("/jobs/" + id).json()));
                }
            }
        }
    }

    private void event(String data) {
        try {
            JsonNode e = ApiClient.JSON.readTree(data);
            if (ids.isEmpty() || ids.contains(e.path("job_id").asLong())) {
                update(e);
            }
        } catch (JsonProcessingException notOurs) {
            // an event this version does not know
        }
    }

    /** A job as the API returns it, in the shape of a stream event. */
    private static JsonNode asEvent(JsonNode job) {
        ObjectNode e = ((ObjectNode) job.deepCopy()).put("job_id", job.path("id").asLong());
        e.set("ts", job.path("updated_at"));
        e.remove(List.of("id", "events", "objects"));
        return e;
    }

    private void update(JsonNode e) {
        long id = e.path("job_id").asLong();
        JsonNode seen = jobs.get(id);
        // events sent before a snapshot may arrive after it: only a newer attempt or a later moment counts
        if (seen != null && (e.path("attempt").asInt() < seen.path("attempt").asInt()
                || e.path("attempt").asInt() == seen.path("attempt").asInt() && at(e).isBefore(at(seen)))) {
            return;
        }
        jobs.put(id, e);
        draw(id, e);
    }

    private static Instant at(JsonNode e) {
        return e.path("ts").isTextual() ? Instant.parse(e.path("ts").asText()) : Instant.MIN;
    }

    private void draw(long id, JsonNode e) {
        PrintWriter out = dim.out();
        if (dim.json) {
            out.println(e);
        } else if (dim.terminal) {
            if (drawn > 0) {
                out.print("\033[" + drawn + "F"); // back to the first line drawn, to redraw every job in place
            }
            // auto-wrap off while drawing: a line wider than the terminal is cut, not wrapped onto a line we would not redraw
            out.print("\033[?7l");
            jobs.values().forEach(j -> out.print("\033[2K" + line(j) + "\n"));
            out.print("\033[?7h");
            drawn = jobs.size();
        } else if (!line(e).equals(printed.put(id, line(e)))) {
            out.println(line(e));
        }
        out.flush();
    }

    static String line(JsonNode j) {
        long bytesDone = j.path("bytes_done").asLong();
        long bytesTotal = j.path("bytes_total").asLong();
        long objectsDone = j.path("objects_done").asLong();
        long objectsTotal = j.path("objects_total").asLong();
        String state = j.path("state").asText();
        String tail = state.equals("failed") ? "  error: " + j.path("error").asText()
                : state.equals("completed") ? (j.path("kind").asText().equals("replicate") ? "  replica at " : "  now at ")
                        + j.path("target_uri").asText() : "";
        return String.format("job %-4d %-9s bytes %s %9s / %-9s  objects %s %d/%d%s", j.path("job_id").asLong(), state,
                bar(bytesDone, bytesTotal, 20), Units.bytes(bytesDone), Units.bytes(bytesTotal),
                bar(objectsDone, objectsTotal, 10), objectsDone, objectsTotal, tail);
    }

    static String bar(long done, long total, int width) {
        int filled = total <= 0 ? 0 : (int) Math.min(width, width * done / total);
        int percent = total <= 0 ? 0 : (int) Math.min(100, 100 * done / total);
        return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "] " + String.format("%3d%%", percent);
    }

    private static boolean ended(JsonNode job) {
        String state = job.path("state").asText();
        return state.equals("completed") || state.equals("failed");
    }
}
