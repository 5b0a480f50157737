package routes.cli;

import java.io.PrintWriter;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Option;

/** The --limit and --offset of a listing, and the line under its table. */
final class Paging {

    @Option(names = "--limit", defaultValue = "50", paramLabel = "N", description = "rows (default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--offset", defaultValue = "0", paramLabel = "N", description = "rows to skip")
    int offset;

    void footer(JsonNode page, PrintWriter out) {
        out.printf("%d of %d (offset %d)%n", page.path("items").size(), page.path("total").asLong(), offset);
    }
}
