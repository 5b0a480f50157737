package routes.cli;

import java.io.PrintWriter;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "policy", description = "Placement policies: what a dataset's storage must satisfy.")
final class PolicyCommands {

    @ParentCommand
    Dim dim;

    @Command(name = "create", description = "Create a policy.")
    int create(@Parameters(paramLabel = "NAME") String name,
               @Option(names = "--latency-slo-ms", paramLabel = "MS") Double latency,
               @Option(names = "--max-cost-per-gb-month", paramLabel = "USD") Double maxCost,
               @Option(names = "--min-redundancy", paramLabel = "N") Integer redundancy,
               @Option(names = "--mode", paramLabel = "recommend|auto",
                       description = "auto: the service plans the recommended moves itself") String mode,
               @Option(names = "--encryption-required", description = "only stores that encrypt") Boolean encryption,
               @Option(names = "--prefer-region", paramLabel = "REGION") List<String> preferred,
               @Option(names = "--exclude-region", paramLabel = "REGION") List<String> excluded) {
        dim.print(dim.client().post("/policies", ApiClient.body("name", name, "latency_slo_ms", latency,
                "max_cost_per_gb_month", maxCost, "min_redundancy", redundancy, "mode", mode,
                "encryption_required", encryption, "preferred_regions", preferred, "excluded_regions", excluded)),
                (p, out) -> table(out, List.of(p)));
        return Dim.OK;
    }

    @Command(name = "list", description = "Every policy.")
    int list() {
        dim.print(dim.client().get("/policies"), (policies, out) -> table(out, policies));
        return Dim.OK;
    }

    /** "+eu-west-1 -us-east-1": preferred and excluded regions. */
    private static String regions(JsonNode p) {
        StringBuilder out = new StringBuilder();
        p.path("preferred_regions").forEach(r -> out.append(out.length() > 0 ? " " : "").append('+').append(r.asText()));
        p.path("excluded_regions").forEach(r -> out.append(out.length() > 0 ? " " : "").append('-').append(r.asText()));
        return out.toString();
    }

    private static void table(PrintWriter out, Iterable<JsonNode> policies) {
        Table t = new Table("ID", "NAME", "MODE", "LATENCY SLO MS", "MAX $/GB-MONTH", "MIN REDUNDANCY", "ENCRYPTED",
                "REGIONS");
        for (JsonNode p : policies) {
            t.row(p.path("id"), p.path("name"), p.path("mode"), p.path("latency_slo_ms"), p.path("max_cost_per_gb_month"),
                    p.path("min_redundancy"), p.path("encryption_required"), regions(p));
        }
        t.print(out);
    }
}
