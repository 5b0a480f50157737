package routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import routes.move.StepGate;
import routes.support.Cli;
import routes.support.FreePorts;
import routes.support.ServiceTestSupport;

/** The dim command line against the running service, as a user types it: the walk of the README (create,
 *  access, train, plan, watch), its JSON for scripts, its exit codes, and bin/dim as a real process. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliTest extends ServiceTestSupport {

    private final Cli dim = new Cli(api.base());
    private long datasetId;
    private String sha;

    @Test
    @Order(1)
    void healthShowsEveryPartUp() {
        Cli.Run r = dim.run("health");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("service   UP").containsPattern("kafka +UP").containsPattern("database +UP")
                .contains(storage.toString());
    }

    @Test
    @Order(2)
    void createWithAutoSeedWritesTheDataAndListAndShowFindIt() throws Exception {
        // a plain path is taken as file://
        Cli.Run created = dim.run("dataset", "create", "ds1", "--path", storage.resolve("ds1").toString(),
                "--size", "4MiB", "--auto-seed");
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(Files.size(storage.resolve("ds1"))).isEqualTo(4_194_304);
        sha = sha256(storage.resolve("ds1"));
        assertThat(created.out()).contains("ds1").contains("4.0 MiB").containsPattern("tier: +hot")
                .containsPattern("sha256: +" + sha).containsPattern("yes +hot +4.0 MiB +" + Pattern.quote(fileUri("ds1")));

        Cli.Run list = dim.run("dataset", "list");
        assertThat(list.exit()).isZero();
        assertThat(list.out()).containsPattern("ds1 +hot +4.0 MiB").contains("1 of 1");

        JsonNode page = dim.run("dataset", "list", "--json").json();
        assertThat(page.path("total").asLong()).isEqualTo(1);
        datasetId = page.path("items").get(0).path("id").asLong();

        JsonNode shown = dim.run("--json", "dataset", "show", Long.toString(datasetId)).json();
        assertThat(shown.path("name").asText()).isEqualTo("ds1");
        assertThat(shown.path("size_bytes").asLong()).isEqualTo(4_194_304);
        assertThat(shown.path("checksum_sha256").asText()).isEqualTo(sha);
        assertThat(shown.path("replicas").get(0).path("is_primary").asBoolean()).isTrue();
    }

    @Test
    @Order(3)
    void badInputExitsOneWithTheApisMessageAndChangesNothing() {
        Cli.Run negative = dim.run("dataset", "create", "bad", "--path", fileUri("bad"), "--size=-5");
        assertThat(negative.exit()).isEqualTo(1);
        assertThat(negative.err()).contains("size_bytes must not be negative").contains("field size_bytes");
        assertThat(negative.out()).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM datasets")).isEqualTo(1);

        Cli.Run unknown = dim.run("dataset", "show", "999");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("no dataset with id 999");

        Cli.Run badOp = dim.run("access", "post", "--dataset", Long.toString(datasetId), "--op", "delete");
        assertThat(badOp.exit()).isEqualTo(1);
        assertThat(badOp.err()).contains("op must be read or write");

        Cli.Run usage = dim.run("dataset", "create", "no-path", "--size", "1");
        assertThat(usage.exit()).as("picocli's usage error").isEqualTo(2);
        assertThat(usage.err()).contains("Missing required option: '--path=URI'");
    }

    @Test
    @Order(4)
    void accessEventsArePostedAndCounted() {
        Cli.Run one = dim.run("access", "post", "--dataset", Long.toString(datasetId), "--op", "read",
                "--bytes", "64k", "--latency-ms", "4.2", "--client", "etl");
        assertThat(one.exit()).as(one.err()).isZero();
        assertThat(one.out()).isEqualTo("1 accepted\n");
        Cli.Run burst = dim.run("access", "post", "--dataset", Long.toString(datasetId), "--op", "write",
                "--bytes", "4096", "--count", "5", "--event-id", "burst", "--json");
        assertThat(burst.json().path("accepted").asInt()).isEqualTo(5);

        eventually().until(() -> count("SELECT COALESCE(SUM(read_count + write_count), 0) FROM access_aggregates "
                + "WHERE dataset_id = ?", datasetId) == 6);
        assertThat(count("SELECT SUM(read_bytes) FROM access_aggregates WHERE dataset_id = ?", datasetId)).isEqualTo(65_536);
        assertThat(count("SELECT SUM(write_count) FROM access_aggregates WHERE dataset_id = ?", datasetId)).isEqualTo(5);
    }

    @Test
    @Order(5)
    void trainingAndRecommendations() {
        Cli.Run trained = dim.run("train");
        assertThat(trained.exit()).as(trained.err()).isZero();
        assertThat(trained.out()).contains("recency-frequency v1").contains("hot_accesses=6");

        Cli.Run recs = dim.run("recommendations", "--dataset", Long.toString(datasetId));
        assertThat(recs.exit()).isZero();
        assertThat(recs.out()).containsPattern(datasetId + " +hot +0\\.\\d\\d +recency-frequency-v1").contains("6 accesses");
        JsonNode rec = dim.run("recommendations", "--json").json().get(0);
        assertThat(rec.path("dataset_id").asLong()).isEqualTo(datasetId);
        assertThat(rec.path("tier").asText()).isEqualTo("hot");
    }

    @Test
    @Order(6)
    void aPlannedMoveIsWatchedToTheEndAndShownAtItsNewLocation() throws Exception {
        StepGate gate = context.getRegistry().lookupByNameAndType("stepGate", StepGate.class);
        gate.holdBefore("copying"); // so the watch is open before the first byte moves
        Cli.Run planned = dim.run("migrate", "plan", "--dataset", Long.toString(datasetId), "--class", "cold",
                "--target", fileUri("ds1_cold"));
        assertThat(planned.exit()).as(planned.err()).isZero();
        Matcher job = Pattern.compile("planned job (\\d+)").matcher(planned.out());
        assertThat(job.find()).as(planned.out()).isTrue();
        String jobId = job.group(1);

        Cli.Running watch = dim.start("jobs", "watch", jobId);
        eventually().until(() -> watch.out().contains("queued"));
        gate.release();
        Cli.Run watched = watch.await();
        assertThat(watched.exit()).as(watched.out() + watched.err()).isZero();
        assertThat(watched.out())
                .containsPattern("job " + jobId + " +copying +bytes \\[#{1,19}-{1,19}\\] +\\d+%") // part-way
                .containsPattern("job " + jobId + " +verifying ")
                .containsPattern("job " + jobId + " +completed +bytes \\[#{20}\\] 100% +4.0 MiB / 4.0 MiB +objects \\[#{10}\\] 100% 1/1"
                        + " +now at " + Pattern.quote(fileUri("ds1_cold")));

        Cli.Run shown = dim.run("jobs", "show", jobId);
        assertThat(shown.out()).containsPattern("state: +completed").containsPattern("target: +" + Pattern.quote(fileUri("ds1_cold")))
                .containsPattern("\\(the object\\) +4.0 MiB +" + sha + " +yes");
        assertThat(dim.run("jobs", "objects", jobId).out()).isEqualTo(sha + "  ds1_cold\n");
        JsonNode json = dim.run("jobs", "show", jobId, "--json").json();
        assertThat(json.path("state").asText()).isEqualTo("completed");
        assertThat(json.path("checksum_sha256").asText()).isEqualTo(sha);
        assertThat(json.path("events")).extracting(e -> e.path("state").asText()).contains("copying", "completed");

        assertThat(dim.run("dataset", "show", Long.toString(datasetId)).out())
                .containsPattern("location: +" + Pattern.quote(fileUri("ds1_cold"))).containsPattern("tier: +cold");
        assertThat(sha256(storage.resolve("ds1_cold"))).isEqualTo(sha);
        assertThat(storage.resolve("ds1")).doesNotExist();
        assertThat(dim.run("jobs", "list", "--state", "completed").out()).containsPattern(jobId + " +" + datasetId + " +completed");
    }

    @Test
    @Order(7)
    void watchingAJobThatFailsExitsFourAndARetryCompletes() throws Exception {
        long ds = createDataset("fragile", 300_000);
        context.getRouteController().stopRoute("move-jobs");
        JsonNode planned = dim.run("--json", "migrate", "plan", "--dataset", Long.toString(ds), "--class", "warm",
                "--target", fileUri("fragile-warm")).json();
        String jobId = planned.path("id").asText();
        Cli.Run injected = dim.run("jobs", "inject-failure", jobId);
        assertThat(injected.exit()).as(injected.err()).isZero();
        context.getRouteController().startRoute("move-jobs");

        Cli.Run failed = dim.run("jobs", "watch", jobId);
        assertThat(failed.exit()).as(failed.out()).isEqualTo(4);
        assertThat(failed.out()).containsPattern("job " + jobId + " +failed .*error: .*failure injected");
        assertThat(storage.resolve("fragile")).exists();

        Cli.Run retried = dim.run("jobs", "retry", jobId);
        assertThat(retried.exit()).as(retried.err()).isZero();
        assertThat(retried.out()).containsPattern("state: +queued").containsPattern("attempt: +2");
        assertThat(dim.run("jobs", "watch", jobId).exit()).isZero();
        assertThat(Files.size(storage.resolve("fragile-warm"))).isEqualTo(300_000);

        Cli.Run again = dim.run("jobs", "retry", jobId);
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("only a failed job can be retried");
    }

    @Test
    @Order(8)
    void policiesStoresAndSimulateSpeakJsonForScripts() {
        JsonNode policy = dim.run("--json", "policy", "create", "standard", "--latency-slo-ms", "500",
                "--max-cost-per-gb-month", "0.03", "--mode", "auto", "--encryption-required",
                "--prefer-region", "eu-west-1", "--exclude-region", "us-east-1").json();
        assertThat(policy.path("name").asText()).isEqualTo("standard");
        assertThat(policy.path("latency_slo_ms").asDouble()).isEqualTo(500);
        assertThat(policy.path("mode").asText()).isEqualTo("auto");
        assertThat(policy.path("encryption_required").asBoolean()).isTrue();
        assertThat(dim.run("policy", "list").out()).containsPattern(policy.path("id").asText()
                + " +standard +auto +500.0 +0.03 +1 +true +\\+eu-west-1 -us-east-1");

        JsonNode stores = dim.run("stores", "list", "--json").json();
        assertThat(stores.get(0).path("name").asText()).isEqualTo("local");
        assertThat(dim.run("stores", "list").out()).containsPattern("local +" + Pattern.quote(storage.toUri().toString()))
                .contains("cold=cold $0.004");

        JsonNode jobs = dim.run("jobs", "list", "--json").json();
        assertThat(jobs.path("total").asLong()).isEqualTo(2);
        assertThat(jobs.path("items").get(0).path("state").asText()).isEqualTo("completed");

        Cli.Run sim = dim.run("simulate", "--generate", "--seed", "3", "--datasets", "10", "--days", "30");
        assertThat(sim.exit()).as(sim.err()).isZero();
        assertThat(sim.out()).contains("10 datasets, 30 days, s3").contains("| data-in-motion |").contains("| optimum |");
        JsonNode report = dim.run("--json", "simulate", "--generate", "--datasets", "10", "--days", "30").json();
        assertThat(report.at("/trace/datasets").asLong()).isEqualTo(10);
        assertThat(report.path("policies")).extracting(p -> p.path("name").asText()).contains("always-hot", "optimum");
    }

    @Test
    @Order(9)
    void anUnreachableServiceExitsThree() {
        Cli.Run r = new Cli("http://127.0.0.1:" + FreePorts.next()).run("dataset", "list");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("cannot reach the service at http://127.0.0.1:");
        assertThat(new Cli("http://127.0.0.1:" + FreePorts.next()).run("jobs", "watch", "1").exit()).isEqualTo(3);
    }

    @Test
    @Order(10)
    void binDimRunsAsAProcessWithTheServiceFromItsEnvironment() throws Exception {
        Cli.Run health = Cli.process(Map.of("DIM_API", api.base()), "health");
        assertThat(health.exit()).as(health.err()).isZero();
        assertThat(health.out()).contains("service   UP");
        Cli.Run list = Cli.process(Map.of("DIM_API", api.base()), "dataset", "list", "--json");
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.json().path("total").asLong()).isEqualTo(2);
        Cli.Run down = Cli.process(Map.of("DIM_API", "http://127.0.0.1:" + FreePorts.next()), "health");
        assertThat(down.exit()).isEqualTo(3);
        assertThat(down.err()).contains("cannot reach the service");
    }
}
