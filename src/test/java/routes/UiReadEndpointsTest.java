package routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import routes.support.Api;
import routes.support.ServiceTestSupport;

/** The read-only endpoints the web UI needs beside the seed's API: GET /datasets/{id}/activity, the
 *  access history it charts, one aggregation window a row; and GET /models, the model versions. */
class UiReadEndpointsTest extends ServiceTestSupport {

    @Test
    void aDatasetsAccessesAreListedWindowByWindowOldestFirst() {
        long id = createDataset("charted", 1024);
        Instant now = Instant.now();
        String hourAgo = now.minus(1, ChronoUnit.HOURS).toString();
        String justNow = now.toString();
        Api.Response posted = api.post("/access-events", "["
                + event(id, "read", 100, hourAgo, 2) + ","
                + event(id, "read", 1000, justNow, 4) + ","
                + event(id, "read", 3000, justNow, 6) + ","
                + event(id, "write", 500, justNow, 5) + "]");
        assertThat(posted.status()).isEqualTo(202);

        eventually().until(() -> api.get("/datasets/" + id + "/activity").json().size() == 2
                && api.get("/datasets/" + id + "/activity").json().get(1).get("write_count").asLong() == 1);
        JsonNode windows = api.get("/datasets/" + id + "/activity").json();
        JsonNode older = windows.get(0);
        JsonNode newer = windows.get(1);
        assertThat(Instant.parse(older.get("window_start").asText())).isBefore(Instant.parse(newer.get("window_start").asText()));
        assertThat(older.get("read_count").asLong()).isEqualTo(1);
        assertThat(older.get("read_bytes").asLong()).isEqualTo(100);
        assertThat(newer.get("read_count").asLong()).isEqualTo(2);
        assertThat(newer.get("read_bytes").asLong()).isEqualTo(4000);
        assertThat(newer.get("write_bytes").asLong()).isEqualTo(500);
        assertThat(newer.get("latency_avg_ms").asDouble()).isEqualTo(5.0);
        assertThat(newer.get("latency_max_ms").asDouble()).isEqualTo(6.0);

        assertThat(api.get("/datasets/" + id + "/activity?limit=1").json()).hasSize(1);
        assertThat(api.get("/datasets/" + id + "/activity?limit=1").json().get(0).get("window_start"))
                .isEqualTo(newer.get("window_start"));
    }

    @Test
    void aDatasetWithoutAccessesHasAnEmptyHistory() {
        long id = createDataset("quiet", 1024);
        Api.Response r = api.get("/datasets/" + id + "/activity");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).isEmpty();
    }

    @Test
    void anUnknownDatasetIsA404NamingTheId() {
        Api.Response r = api.get("/datasets/999999/activity");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.field()).isEqualTo("id");
        assertThat(api.get("/datasets/x/activity").status()).isEqualTo(400);
    }

    @Test
    void everyTrainedModelVersionIsListedNewestFirstWithItsMetrics() {
        long id = createDataset("trained", 1024);
        assertThat(api.post("/access-events", event(id, "read", 10, Instant.now().toString(), 1)).status()).isEqualTo(202);
        // the aggregates follow the acknowledged events a moment later; training needs them
        eventually().until(() -> api.post("/train").status() == 200);
        Api.Response second = api.post("/train");
        assertThat(second.status()).isEqualTo(200);

        JsonNode models = api.get("/models").json();
        assertThat(models.size()).isGreaterThanOrEqualTo(2);
        assertThat(models.get(0).get("version").asInt()).isEqualTo(second.json().get("version").asInt());
        assertThat(models.get(1).get("version").asInt()).isEqualTo(second.json().get("version").asInt() - 1);
        assertThat(models.get(0).get("metrics").get("training_rows").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(models.get(0).get("algorithm").asText()).isEqualTo("recency-frequency-rules");
    }

    private static String event(long id, String op, long size, String ts, double latency) {
        return Api.json("dataset_id", id, "op", op, "size_bytes", size, "ts", ts, "latency_ms", latency);
    }
}
