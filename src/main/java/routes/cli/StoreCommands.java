package routes.cli;

import java.util.Map;
import java.util.StringJoiner;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "stores", description = "The registered stores with their classes and prices.")
final class StoreCommands {

    @ParentCommand
    Dim dim;

    @Command(name = "list", description = "Every store; per tier its class, $/GB-month and first-byte latency.")
    int list() {
        dim.print(dim.client().get("/stores"), (stores, out) -> {
            Table t = new Table("NAME", "URI PREFIX", "REGION", "ENCRYPTION", "CLASSES");
            for (JsonNode s : stores) {
                t.row(s.path("name"), s.path("uri_prefix"), s.path("region"), s.path("encryption"),
                        classes(s.path("classes")));
            }
            t.print(out);
        });
        return Dim.OK;
    }

    private static String classes(JsonNode classes) {
        StringJoiner j = new StringJoiner("  ");
        for (Map.Entry<String, JsonNode> c : classes.properties()) {
            JsonNode v = c.getValue();
            j.add(c.getKey() + "=" + v.path("storage_class").asText() + " $" + v.path("cost_per_gb_month").asText()
                    + " " + v.path("first_byte_latency_ms").asText() + "ms");
        }
        return j.toString();
    }
}
