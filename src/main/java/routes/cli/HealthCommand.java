package routes.cli;

import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "health", description = "State of Kafka, the database and the storage; exit 3 when a part is down.")
final class HealthCommand implements Callable<Integer> {

    @ParentCommand
    Dim dim;

    @Override
    public Integer call() {
        // 503 still carries the report, which is the point of asking
        ApiClient.Reply reply = dim.client().call("GET", "/health", null);
        if (reply.status() != 200 && reply.status() != 503) {
            dim.client().check(reply);
        }
        dim.print(reply, (h, out) -> {
            out.println("service   " + h.path("status").asText());
            new Table("PART", "STATUS", "DETAIL")
                    .row("kafka", h.at("/kafka/status"), h.at("/kafka/bootstrap_servers").asText()
                            + (h.at("/kafka/embedded").asBoolean() ? " (embedded)" : ""))
                    .row("database", h.at("/database/status"), detail(h.path("database"), "url"))
                    .row("storage", h.at("/storage/status"), h.at("/storage/backends") + " roots " + h.at("/storage/roots"))
                    .print(out);
        });
        return reply.status() == 200 ? Dim.OK : Dim.UNAVAILABLE;
    }

    private static String detail(JsonNode part, String field) {
        return part.has("error") ? part.path("error").asText() : part.path(field).asText();
    }
}
