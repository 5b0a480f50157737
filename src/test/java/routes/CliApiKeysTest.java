package routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import routes.api.ApiKeys;
import routes.support.Cli;
import routes.support.ServiceTestSupport;

/** With API keys configured, dim sends its key (flag or DIM_API_KEY) on every call, the event stream included,
 *  and a missing or read-only key exits 1 with the API's message. */
class CliApiKeysTest extends ServiceTestSupport {

    private static final String ADMIN = "cli-admin-key";
    private static final String READER = "cli-reader-key";

    private final Cli dim = new Cli(api.base());

    @Override
    protected Map<String, String> overrides() {
        return Map.of("dim.api.keys", "ops:admin:" + ApiKeys.hash(ADMIN) + ",dash:read:" + ApiKeys.hash(READER));
    }

    @Test
    void theKeyFlagOpensTheApiAndWithoutItTheApisMessageIsShown() {
        Cli.Run none = dim.run("dataset", "list");
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.err()).contains("an API key is required");

        Cli.Run readOnly = dim.run("--api-key", READER, "policy", "create", "p");
        assertThat(readOnly.exit()).isEqualTo(1);
        assertThat(readOnly.err()).contains("may only read");
        assertThat(count("SELECT COUNT(*) FROM policies")).isZero();

        Cli.Run created = dim.run("policy", "create", "p", "--api-key", ADMIN);
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(dim.run("--api-key", READER, "policy", "list").out()).containsPattern("1 +p ");
    }

    @Test
    void theEventStreamIsWatchedWithTheKey() {
        long ds = dim.run("--api-key", ADMIN, "--json", "dataset", "create", "keyed", "--path", fileUri("keyed"),
                "--size", "100000", "--auto-seed").json().path("id").asLong();
        Cli.Run planned = dim.run("--api-key", ADMIN, "--json", "migrate", "plan", "--dataset", Long.toString(ds),
                "--class", "cold", "--target", fileUri("keyed-cold"));
        String jobId = planned.json().path("id").asText();

        Cli.Run refused = dim.run("jobs", "watch", jobId);
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("an API key is required");
        Cli.Run watched = dim.run("--api-key", READER, "jobs", "watch", jobId);
        assertThat(watched.exit()).as(watched.out() + watched.err()).isZero();
        assertThat(watched.out()).containsPattern("job " + jobId + " +completed");
    }

    @Test
    void binDimTakesTheKeyFromTheEnvironment() throws Exception {
        Cli.Run r = Cli.process(Map.of("DIM_API", api.base(), "DIM_API_KEY", READER), "stores", "list");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("local");
        Cli.Run without = Cli.process(Map.of("DIM_API", api.base()), "stores", "list");
        assertThat(without.exit()).isEqualTo(1);
    }
}
