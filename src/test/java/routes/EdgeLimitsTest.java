package routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import routes.api.ApiKeys;
import routes.infra.SseHub;
import routes.support.Api;
import routes.support.ServiceTestSupport;

/** Around every request: a correlation id echoed and carried to the mover, an audit line per write,
 *  a request rate per API key (429 with Retry-After beyond it), a cap on open event streams. Each
 *  test uses its own key, so their rate buckets are apart. */
class EdgeLimitsTest extends ServiceTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected Map<String, String> overrides() {
        return Map.of("dim.api.keys", "busy:admin:" + ApiKeys.hash("busy-key") + ",calm:admin:" + ApiKeys.hash("calm-key")
                        + ",auditor:admin:" + ApiKeys.hash("auditor-key") + ",watcher:read:" + ApiKeys.hash("watcher-key"),
                "dim.http.rate-limit.per-second", "2", "dim.http.rate-limit.burst", "5",
                "dim.http.sse.max-clients", "2", "dim.audit.file", "audit/audit.log");
    }

    private HttpResponse<String> call(String method, String path, String body, String key, String requestId) {
        HttpRequest.Builder b = HttpRequest.newBuilder(api.uri(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (key != null) {
            b.header("X-API-Key", key);
        }
        if (requestId != null) {
            b.header("X-Request-Id", requestId);
        }
        try {
            return api.client().send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private List<JsonNode> auditLines() throws Exception {
        Path file = dataDir.resolve("audit/audit.log");
        List<JsonNode> lines = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    @Test
    void aKeyOverItsRateGets429WithRetryAfterAndOtherKeysAreUnaffected() {
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> limited = null;
        for (int i = 0; i < 12; i++) {
            HttpResponse<String> r = call("GET", "/datasets", null, "busy-key", null);
            statuses.add(r.statusCode());
            if (r.statusCode() == 429) {
                limited = r;
            }
        }
        assertThat(statuses.subList(0, 5)).as("the burst").containsOnly(200);
        assertThat(statuses).contains(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(
                v -> assertThat(Long.parseLong(v)).isBetween(1L, 2L));
        assertThat(limited.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(limited.body()).contains("\"error\":\"too many requests");
        assertThat(call("GET", "/datasets", null, "calm-key", null).statusCode()).isEqualTo(200);
        assertThat(metric("dim_http_rate_limited_total", "")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void theRequestIdIsEchoedCarriedToTheMoverAndEveryWriteIsAudited() throws Exception {
        HttpResponse<String> created = call("POST", "/datasets", Api.json("name", "audited", "path_uri",
                fileUri("audited"), "size_bytes", 1000, "auto_seed", true), "auditor-key", "create-42");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("X-Request-Id")).hasValue("create-42");
        HttpResponse<String> generated = call("GET", "/health", null, null, "not sane: spaces and \"quotes\"");
        assertThat(generated.headers().firstValue("X-Request-Id")).hasValueSatisfying(
                v -> assertThat(v).matches("[0-9a-f-]{36}"));
        assertThat(call("POST", "/policies", Api.json("name", "nope"), null, "anon-1").statusCode()).isEqualTo(401);

        long ds = JSON.readTree(created.body()).path("id").asLong();
        HttpResponse<String> planned = call("POST", "/plan-migration", Api.json("dataset_id", ds, "storage_class",
                "warm", "target_location", fileUri("audited-warm")), "auditor-key", "plan-7");
        assertThat(planned.statusCode()).as(planned.body()).isEqualTo(202);
        long jobId = JSON.readTree(planned.body()).path("id").asLong();

        eventually().until(() -> auditLines().stream().anyMatch(l -> l.path("kind").asText().equals("job")
                && l.path("job_id").asLong() == jobId && l.path("state").asText().equals("completed")));
        List<JsonNode> lines = auditLines();
        assertThat(lines).anySatisfy(l -> {
            assertThat(l.path("kind").asText()).isEqualTo("request");
            assertThat(l.path("request_id").asText()).isEqualTo("create-42");
            assertThat(l.path("who").asText()).isEqualTo("auditor");
            assertThat(l.path("method").asText()).isEqualTo("POST");
            assertThat(l.path("path").asText()).isEqualTo("/datasets");
            assertThat(l.path("status").asInt()).isEqualTo(201);
            assertThat(l.path("ts").asText()).isNotEmpty();
        });
        assertThat(lines).anySatisfy(l -> {
            assertThat(l.path("request_id").asText()).isEqualTo("anon-1");
            assertThat(l.path("who").asText()).isEqualTo("anonymous");
            assertThat(l.path("status").asInt()).isEqualTo(401);
        });
        assertThat(lines).noneSatisfy(l -> assertThat(l.path("method").asText()).isEqualTo("GET"));
        List<JsonNode> job = lines.stream().filter(l -> l.path("job_id").asLong() == jobId).toList();
        assertThat(job).extracting(l -> l.path("state").asText())
                .containsSubsequence("queued", "copying", "verifying", "switching", "deleting", "completed");
        assertThat(job).as("the plan's request id reached the mover through the job's Kafka record")
                .allSatisfy(l -> assertThat(l.path("request_id").asText()).isEqualTo("plan-7"));
        assertThat(job).allSatisfy(l -> assertThat(l.path("dataset_id").asLong()).isEqualTo(ds));
    }

    @Test
    void eventStreamsBeyondTheCapAreRefused() throws Exception {
        SseHub hub = context.getRegistry().lookupByNameAndType("sseHub", SseHub.class);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest stream = HttpRequest.newBuilder(api.uri("/events")).header("X-API-Key", "watcher-key").build();
        InputStream first = client.send(stream, HttpResponse.BodyHandlers.ofInputStream()).body();
        InputStream second = client.send(stream, HttpResponse.BodyHandlers.ofInputStream()).body();
        eventually().until(() -> hub.clients() == 2);
        HttpResponse<String> third = client.send(stream, HttpResponse.BodyHandlers.ofString());
        assertThat(third.statusCode()).isEqualTo(503);
        assertThat(third.headers().firstValue("Retry-After")).isPresent();
        assertThat(third.body()).contains("too many event streams");
        first.close();
        eventually().until(() -> hub.clients() == 1);
        HttpResponse<InputStream> again = client.send(stream, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(again.statusCode()).isEqualTo(200);
        again.body().close();
        second.close();
    }
}
