package routes.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.util.HashSet;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "jobs", description = "Migration jobs: list, show, watch live, retry.")
final class JobCommands {

    // a job's manifest can hold thousands of objects; the rest is in --json
    private static final int MANIFEST_ROWS = 20;

    @ParentCommand
    Dim dim;

    @Command(name = "list", description = "A page of jobs, newest first.")
    int list(@Option(names = "--state", paramLabel = "STATE") String state,
             @Option(names = "--dataset", paramLabel = "ID") Long dataset,
             @Mixin Paging paging) {
        dim.print(dim.client().get("/jobs", "state", state, "dataset_id", dataset, "limit", paging.limit,
                        "offset", paging.offset),
                (page, out) -> {
                    Table t = new Table("ID", "DATASET", "STATE", "ATTEMPT", "PROGRESS", "CLASS", "TARGET");
                    for (JsonNode j : page.path("items")) {
                        t.row(j.path("id"), j.path("dataset_id"), j.path("state"), j.path("attempt"),
                                Units.bytes(j.path("bytes_done")) + " / " + Units.bytes(j.path("bytes_total")),
                                j.path("storage_class"), j.path("target_uri"));
                    }
                    t.print(out);
                    paging.footer(page, out);
                });
        return Dim.OK;
    }

    @Command(name = "show", description = "One job with its timeline and manifest.")
    int show(@Parameters(paramLabel = "ID") long id) {
        dim.print(dim.client().get("/jobs/" + id), (job, out) -> {
            summary(job, out);
            out.println();
            Table timeline = new Table("WHEN", "STATE", "BYTES", "MESSAGE");
            for (JsonNode e : job.path("events")) {
                timeline.row(e.path("ts"), e.path("state"), Units.bytes(e.path("bytes_done")), e.path("message"));
            }
            timeline.print(out);
            out.println();
            Table manifest = new Table("OBJECT", "SIZE", "SHA-256", "VERIFIED");
            for (JsonNode o : job.path("objects")) {
                if (manifest.size() <= MANIFEST_ROWS) {
                    manifest.row(o.path("object_key").asText().isEmpty() ? "(the object)" : o.path("object_key"),
                            Units.bytes(o.path("size_bytes")), o.path("sha256"), o.path("verified").asBoolean() ? "yes" : "no");
                }
            }
            manifest.print(out);
            if (job.path("objects").size() > MANIFEST_ROWS || !job.path("objects_next_after").isNull()) {
                out.printf("... and %d more objects (dim jobs objects %d lists them all)%n",
                        job.path("objects_total").asLong() - MANIFEST_ROWS, id);
            }
        });
        return Dim.OK;
    }

    @Command(name = "objects", description = {"The job's whole manifest, a page at a time, as sha256sum prints it",
            "(check a copy: dim jobs objects ID > SUMS; cd TARGET; sha256sum -c SUMS; for one object, cd to its folder).",
            "With --json: one page of the API's JSON per line."})
    int objects(@Parameters(paramLabel = "ID") long id) {
        PrintWriter out = dim.out();
        ApiClient api = dim.client();
        String after = "";
        do {
            ApiClient.Reply page = api.get("/jobs/" + id + "/objects", "after", after);
            JsonNode body = page.json();
            if (dim.json) {
                out.println(page.body());
            } else {
                for (JsonNode o : body.path("items")) {
                    String key = o.path("object_key").asText();
                    out.println(sumLine(o.path("sha256").asText(), key.isEmpty() ? objectName(id) : key));
                }
            }
            out.flush();
            after = body.path("next_after").isNull() ? null : body.path("next_after").asText();
        } while (after != null);
        return Dim.OK;
    }

    /** A line as sha256sum prints it: a name holding a backslash or a line break is escaped, and the
     *  line then starts with a backslash, so that sha256sum -c reads the name back. */
    static String sumLine(String sha256, String name) {
        if (name.indexOf('\\') < 0 && name.indexOf('\n') < 0 && name.indexOf('\r') < 0) {
            return sha256 + "  " + name;
        }
        return "\\" + sha256 + "  " + name.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    /** A one-object dataset's only key is empty (the object is the location itself): its file name. */
    private String objectName(long id) {
        String path = URI.create(dim.client().get("/jobs/" + id).json().path("target_uri").asText()).getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    @Command(name = "watch", description = {"Follow jobs live (GET /events) with progress bars, until they end.",
            "Without ids: every job, until Ctrl-C. Exit 4 when a watched job failed."})
    int watch(@Parameters(paramLabel = "ID", arity = "0..*") List<Long> ids) throws InterruptedException {
        return new JobWatch(dim, ids == null ? new HashSet<>() : new HashSet<>(ids)).run();
    }

    @Command(name = "retry", description = "Queue a failed job again as a new attempt.")
    int retry(@Parameters(paramLabel = "ID") long id) {
        dim.print(dim.client().post("/jobs/" + id + "/retry", null), JobCommands::summary);
        return Dim.OK;
    }

    @Command(name = "inject-failure", description = "Make the job's next step fail until it is retried (for drills).")
    int injectFailure(@Parameters(paramLabel = "ID") long id,
                      @Option(names = "--after-objects", paramLabel = "N",
                              description = "fail the copy once N objects are at the target") Integer after) {
        dim.print(dim.client().post("/jobs/" + id + "/inject-failure", after == null ? null : ApiClient.body("after_objects", after)),
                JobCommands::summary);
        return Dim.OK;
    }

    static void summary(JsonNode job, PrintWriter out) {
        Table.fields(out, "job", job.path("id"), "kind", job.path("kind"), "dataset", job.path("dataset_id"),
                "state", job.path("state"),
                "attempt", job.path("attempt"), "class", job.path("storage_class"), "source", job.path("source_uri"),
                "target", job.path("target_uri"),
                "bytes", Units.bytes(job.path("bytes_done")) + " / " + Units.bytes(job.path("bytes_total")),
                "objects", job.path("objects_done").asText() + " / " + job.path("objects_total").asText(),
                "sha256", job.path("checksum_sha256"), "error", job.path("error"),
                "started", job.path("started_at"), "switched", job.path("switched_at"),
                "finished", job.path("finished_at"));
    }
}
