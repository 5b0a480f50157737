package routes.cli;

import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "train", description = "Train the classifier on the access history and reclassify every dataset.")
final class TrainCommand implements Callable<Integer> {

    @ParentCommand
    Dim dim;

    @Option(names = "--algorithm", paramLabel = "tribuo-cart|recency-frequency",
            description = "default: the tree when there is enough history, else the rules")
    String algorithm;

    @Override
    public Integer call() {
        dim.print(dim.client().post("/train", ApiClient.body("algorithm", algorithm)), (m, out) ->
                Table.fields(out, "model", m.path("name").asText() + " v" + m.path("version").asText(),
                        "algorithm", m.path("algorithm"), "params", scalars(m.path("params")),
                        "metrics", scalars(m.path("metrics")), "trained", m.path("created_at")));
        return Dim.OK;
    }

    /** The numbers and words of an object as k=v; nested parts (a confusion matrix) are for --json. */
    private static String scalars(JsonNode object) {
        StringJoiner s = new StringJoiner(" ");
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            if (e.getValue().isValueNode()) {
                s.add(e.getKey() + "=" + e.getValue().asText());
            }
        }
        return s.toString();
    }
}
