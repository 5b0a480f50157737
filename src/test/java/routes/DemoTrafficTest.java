package routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import routes.support.Cli;
import routes.support.ServiceTestSupport;

/** {@code dim demo} posts a generated trace to a running service: its datasets registered with real
 *  bytes, every event counted once, and a second run of the same demo adds nothing. */
class DemoTrafficTest extends ServiceTestSupport {

    private final Cli dim = new Cli(api.base());

    @Test
    void aDemoRegistersItsDatasetsAndEveryEventIsCountedOnceHoweverOftenItRuns() {
        Cli.Run first = dim.run("demo", "--seed", "3", "--datasets", "6", "--days", "5", "--day-seconds", "0",
                "--dataset-bytes", "4k");
        assertThat(first.exit()).as(first.err()).isZero();
        Matcher done = Pattern.compile("done: (\\d+) events to (\\d+) datasets").matcher(first.out());
        assertThat(done.find()).as(first.out()).isTrue();
        long events = Long.parseLong(done.group(1));
        int registered = Integer.parseInt(done.group(2));
        assertThat(events).isPositive();
        assertThat(registered).isBetween(1, 6);
        assertThat(first.out()).contains("day 1 of 5:");
        assertThat(first.out()).as("the last day is announced too").contains(": " + events + " events posted\ndone");

        JsonNode page = api.get("/datasets?limit=100").json();
        assertThat(page.path("total").asInt()).isEqualTo(registered);
        for (JsonNode d : page.path("items")) {
            assertThat(d.path("name").asText()).startsWith("demo-3-balanced-ds");
            assertThat(Files.exists(storage.resolve(d.path("name").asText()))).isTrue();
            assertThat(d.path("size_bytes").asLong()).isEqualTo(4096);
        }
        eventually().until(() -> count("SELECT COALESCE(SUM(read_count + write_count), 0) FROM access_aggregates")
                == events);

        Cli.Run again = dim.run("demo", "--seed", "3", "--datasets", "6", "--days", "5", "--day-seconds", "0",
                "--dataset-bytes", "4k");
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(api.get("/datasets?limit=100").json().path("total").asInt()).isEqualTo(registered);
        eventually().until(() -> count("SELECT COALESCE(SUM(read_count + write_count), 0) FROM access_aggregates")
                == events);
        assertThat(count("SELECT COUNT(*) FROM ingest_event_ids")).isEqualTo(events);
    }

    @Test
    void aDemoThatCannotBeGeneratedSaysWhyAndPostsNothing() {
        String before = api.get("/datasets?limit=100").body();
        Cli.Run unknown = dim.run("demo", "--mix", "lukewarm", "--day-seconds", "0");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("unknown mix 'lukewarm'");
        Cli.Run none = dim.run("demo", "--datasets", "0", "--day-seconds", "0");
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.err()).contains("at least 1");
        assertThat(api.get("/datasets?limit=100").body()).isEqualTo(before);
    }
}
