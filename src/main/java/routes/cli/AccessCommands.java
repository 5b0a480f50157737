package routes.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "access", description = "Report accesses to datasets.")
final class AccessCommands {

    @ParentCommand
    Dim dim;

    @Command(name = "post", description = "Post an access event (POST /access-events).")
    int post(@Option(names = "--dataset", required = true, paramLabel = "ID") long dataset,
             @Option(names = "--op", defaultValue = "read", paramLabel = "read|write",
                     description = "default: ${DEFAULT-VALUE}") String op,
             @Option(names = "--bytes", converter = Units.Size.class, paramLabel = "SIZE",
                     description = "bytes read or written") Long bytes,
             @Option(names = "--latency-ms", paramLabel = "MS") Double latency,
             @Option(names = "--client", paramLabel = "NAME") String client,
             @Option(names = "--ts", paramLabel = "ISO-8601", description = "when it happened (default: now)") String ts,
             @Option(names = "--event-id", paramLabel = "ID", description = "posting it again counts it once")
             String eventId,
             @Option(names = "--count", defaultValue = "1", paramLabel = "N",
                     description = "post N such events in one batch (event ids get -1, -2... appended)") int count) {
        ArrayNode events = ApiClient.JSON.createArrayNode();
        for (int i = 1; i <= count; i++) {
            events.add(ApiClient.body("dataset_id", dataset, "op", op, "size_bytes", bytes, "latency_ms", latency,
                    "client", client, "ts", ts, "event_id", eventId == null || count == 1 ? eventId : eventId + "-" + i));
        }
        // a single event goes as an object, as a user would post it by hand
        dim.print(dim.client().post("/access-events", count == 1 ? events.get(0) : events),
                (r, out) -> out.println(r.path("accepted").asLong() + " accepted"));
        return Dim.OK;
    }
}
