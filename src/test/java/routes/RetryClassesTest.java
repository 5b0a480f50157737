package routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import routes.support.Api;
import routes.support.S3ProxyServer;
import routes.support.ServiceTestSupport;

/** Failures are retried by their class, against a real S3 server (S3Proxy): a refusal retrying cannot
 *  change (credentials revoked: access denied) fails the job after exactly one attempt, an outage
 *  (the server gone) is redelivered with backoff until the retries run out; either way the job is
 *  dead-lettered with its tries and error, and POST /jobs/{id}/retry takes it back. */
class RetryClassesTest extends ServiceTestSupport {

    private S3ProxyServer s3;
    private int s3Port;

    @Override
    protected void beforeStart(Main main) throws Exception {
        s3 = S3ProxyServer.withBucket("dim");
        s3Port = s3.port();
    }

    @Override
    protected Map<String, String> overrides() {
        return S3ProxyServer.serviceSettings(s3.endpoint(), Map.of("dim.stores", "local,s3-dim",
                "dim.stores.s3-dim.uri-prefix", "s3://dim/"));
    }

    @AfterAll
    void stopS3() throws Exception {
        s3.close();
    }

    /** Whatever a case left behind (a failed assertion skips its own restore), the next one starts with
     *  the server up and the service's credentials accepted. */
    @AfterEach
    void serverBack() throws Exception {
        restartS3(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY);
    }

    /** The S3 server replaced by one on the same port and with the same objects that accepts only
     *  these credentials. */
    private void restartS3(String accessKey, String secretKey) throws Exception {
        S3ProxyServer old = s3;
        old.close();
        s3 = new S3ProxyServer(s3Port, accessKey, secretKey, old);
    }

    private long planToS3(String name) throws Exception {
        long ds = createDataset(name, 300_000);
        context.getRouteController().stopRoute("move-jobs");
        Api.Response planned = api.post("/plan-migration", Api.json("dataset_id", ds, "storage_class", "warm",
                "target_location", "s3://dim/" + name));
        assertThat(planned.status()).as(planned.body()).isEqualTo(202);
        return planned.id();
    }

    private JsonNode job(long id) {
        return api.get("/jobs/" + id).json();
    }

    private JsonNode deadLetter(long jobId) throws Exception {
        List<JsonNode> dead = readTopic("migration_jobs.dlq").stream()
                .filter(r -> r.path("job").path("id").asLong() == jobId).toList();
        assertThat(dead).hasSize(1);
        return dead.get(0);
    }

    @Test
    void revokedCredentialsFailTheJobAfterOneAttemptAndARetryTakesItBack() throws Exception {
        long jobId = planToS3("revoked");
        String sha = sha256(storage.resolve("revoked"));
        restartS3("someone-else", "another-secret");
        // planning against the new server now is refused at once. Planning many times at once also wears
        // out the connections the service's S3 client still pools to the stopped server (a request takes
        // the most recently used one, so only requests at the same time reach them all), which would fail
        // the job's first tries as unreachable (a transient failure, retried) rather than as denied
        long probe = createDataset("probe", 1000);
        ExecutorService planners = Executors.newFixedThreadPool(12);
        try {
            eventually().untilAsserted(() -> {
                List<Future<String>> answers = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    answers.add(planners.submit(() -> api.post("/plan-migration", Api.json("dataset_id", probe,
                            "storage_class", "warm", "target_location", "s3://dim/probe")).error()));
                }
                for (Future<String> answer : answers) {
                    assertThat(answer.get()).contains("denied");
                }
            });
        } finally {
            planners.shutdown();
        }
        context.getRouteController().startRoute("move-jobs");

        eventually().until(() -> job(jobId).path("state").asText().equals("failed"));
        JsonNode failed = job(jobId);
        assertThat(failed.path("error").asText()).contains("StoreRefused").contains("denied");
        JsonNode letter = deadLetter(jobId);
        assertThat(letter.path("attempts").asInt()).as("a permanent failure is not retried").isEqualTo(1);
        assertThat(letter.path("error").asText()).contains("denied");
        assertThat(letter.path("error_class").asText()).isEqualTo("routes.storage.StoreRefused");
        assertThat(failed.path("dead_letters")).hasSize(1);
        assertThat(failed.path("dead_letters").get(0).path("tries").asInt()).isEqualTo(1);
        assertThat(failed.path("dead_letters").get(0).path("taken_back_at").isNull()).isTrue();
        assertThat(sha256(storage.resolve("revoked"))).as("the source is intact").isEqualTo(sha);

        restartS3(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY);
        Api.Response retried = api.post("/jobs/" + jobId + "/retry");
        assertThat(retried.status()).isEqualTo(202);
        assertThat(retried.json().path("attempt").asInt()).isEqualTo(2);
        eventually().until(() -> job(jobId).path("state").asText().equals("completed"));
        JsonNode done = job(jobId);
        JsonNode history = done.path("dead_letters").get(0);
        assertThat(history.path("attempt").asInt()).isEqualTo(1);
        assertThat(history.path("taken_back_at").isNull()).as("taken back from the DLQ").isFalse();
        assertThat(history.path("retried_as_attempt").asInt()).isEqualTo(2);
        assertThat(done.path("events").findValuesAsText("state")).containsSubsequence("failed", "queued", "completed");
        assertThat(readTopic("migration_jobs.dlq").stream().filter(r -> r.path("job").path("id").asLong() == jobId))
                .as("the retry succeeded: no second dead letter").hasSize(1);
        assertThat(api.post("/jobs/" + jobId + "/retry").status()).as("a completed job is not on the DLQ").isEqualTo(409);
    }

    @Test
    void anUnreachableStoreIsRetriedWithBackoffThenDeadLettered() throws Exception {
        long jobId = planToS3("outage");
        s3.close();
        context.getRouteController().startRoute("move-jobs");

        eventually().until(() -> job(jobId).path("state").asText().equals("failed"));
        assertThat(job(jobId).path("error").asText()).contains("unreachable");
        JsonNode letter = deadLetter(jobId);
        assertThat(letter.path("attempts").asInt()).as("first try + 2 redeliveries (test config)").isEqualTo(3);
        assertThat(job(jobId).path("dead_letters").get(0).path("tries").asInt()).isEqualTo(3);

        restartS3(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY);
        assertThat(api.post("/jobs/" + jobId + "/retry").status()).isEqualTo(202);
        eventually().until(() -> job(jobId).path("state").asText().equals("completed"));
    }
}
