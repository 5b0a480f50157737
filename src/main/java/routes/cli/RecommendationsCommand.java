package routes.cli;

import java.util.Locale;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "recommendations", description = "The classifier's advice: one dataset's, newest first, or the newest of each.")
final class RecommendationsCommand implements Callable<Integer> {

    @ParentCommand
    Dim dim;

    @Option(names = "--dataset", paramLabel = "ID")
    Long dataset;

    @Override
    public Integer call() {
        dim.print(dim.client().get("/recommendations", "dataset_id", dataset), (recs, out) -> {
            Table t = new Table("DATASET", "TIER", "CONFIDENCE", "MODEL", "WHEN", "REASON");
            for (JsonNode r : recs) {
                t.row(r.path("dataset_id"), r.path("tier"), String.format(Locale.ROOT, "%.2f", r.path("confidence").asDouble()),
                        r.path("model_version"), r.path("created_at"), r.path("reason"));
            }
            t.print(out);
        });
        return Dim.OK;
    }
}
