package routes.cli;

import java.io.PrintWriter;
import java.net.URI;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code dim}: the service's API from a terminal. Tables for people, {@code --json} (the API's own
 * JSON) for scripts, and exit codes a script can branch on.
 */
@Command(name = "dim", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true, version = "dim 0.1.0",
        description = "Talks to a running Data in Motion service over HTTP.",
        subcommands = {HealthCommand.class, DatasetCommands.class, AccessCommands.class, TrainCommand.class,
                RecommendationsCommand.class, MigrateCommands.class, JobCommands.class, PolicyCommands.class,
                StoreCommands.class, SimulateCommand.class, DemoCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:the API refused the request (4xx); its message is on stderr",
                "2:wrong command line", "3:the service is unreachable or failed (5xx)",
                "4:jobs watch: a watched job failed"})
public final class Dim {

    static final int OK = 0;
    static final int REFUSED = 1;
    static final int UNAVAILABLE = 3;
    static final int JOB_FAILED = 4;

    @Option(names = "--api", scope = ScopeType.INHERIT, defaultValue = "${env:DIM_API:-http://localhost:8080}", paramLabel = "URL",
            description = "the service's base URL (env DIM_API; default http://localhost:8080)")
    URI api;

    @Option(names = "--api-key", scope = ScopeType.INHERIT, defaultValue = "${env:DIM_API_KEY}", paramLabel = "KEY",
            description = "sent as Authorization: Bearer KEY when the service has API keys (env DIM_API_KEY)")
    String apiKey;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "print the API's JSON instead of a table")
    boolean json;

    @Spec
    CommandSpec spec;

    /** Set when stdout is a terminal, so progress can be redrawn in place. */
    boolean terminal;

    public static void main(String[] args) {
        Dim dim = new Dim();
        dim.terminal = System.console() != null;
        System.exit(commandLine(dim).execute(args));
    }

    /** The command line with the failure handling of {@link #main}; tests call it with their own writers. */
    public static CommandLine commandLine(Dim dim) {
        return new CommandLine(dim).setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ApiFailure failure) {
                cmd.getErr().println("dim: " + failure.getMessage());
                return failure.exitCode();
            }
            throw e;
        });
    }

    ApiClient client() {
        return new ApiClient(api, apiKey);
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Prints the reply's JSON as the API sent it with {@code --json}, else what {@code table} makes of it. */
    void print(ApiClient.Reply reply, TableView table) {
        if (json) {
            out().println(reply.body());
        } else {
            table.print(reply.json(), out());
        }
        out().flush();
    }

    /** How a command shows an API reply to a person. */
    @FunctionalInterface
    interface TableView {
        void print(JsonNode body, PrintWriter out);
    }
}
