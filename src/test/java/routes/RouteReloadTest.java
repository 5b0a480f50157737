package routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import routes.support.Api;
import routes.support.ServiceTestSupport;

/**
 * dim.routes.dir: the service reads routes.yaml from a directory and reloads it when it changes
 * there. A client keeps posting access events while a route is edited: the edit takes effect
 * with no restart, and every event the service accepted is counted once — before, during and
 * after the reload (all routes, the Kafka consumers among them, are removed and added again).
 */
class RouteReloadTest extends ServiceTestSupport {

    private static final int EVENTS_PER_POST = 5;

    private final Path routesDir = copyOfTheRoutes(dataDir.resolve("routes"));
    private final Path routesFile = routesDir.resolve("routes.yaml");

    @Override
    protected Map<String, String> overrides() {
        return Map.of("dim.routes.dir", routesDir.toString());
    }

    @Test
    void anEditedRouteTakesEffectLiveAndNoEventIsLost() throws Exception {
        long datasetId = createDataset("live", 1024);
        Poster poster = new Poster(datasetId);
        Thread posting = new Thread(poster, "event-poster");
        posting.start();
        try {
            eventually().until(() -> poster.accepted.get() >= 20);
            assertThat(poster.edited.get()).isFalse();

            // the edit: POST /access-events answers with a header it did not send before
            String routes = Files.readString(routesFile);
            String from = "      uri: direct:post-access-events\n      steps:\n";
            assertThat(routes).contains(from);
            Files.writeString(routesFile, routes.replace(from, from
                    + "        - setHeader:\n            name: X-Routes-Edition\n            constant: edited\n"));

            eventually().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(poster.edited.get())
                    .as("the edited route answered (poster's last unexpected answer: %s)", poster.failure.get()).isTrue());
            int acceptedAtEdit = poster.accepted.get();
            eventually().untilAsserted(() -> assertThat(poster.accepted.get())
                    .as("batches accepted after the edit (poster's last unexpected answer: %s, retries %d)",
                            poster.failure.get(), poster.retried.get()).isGreaterThanOrEqualTo(acceptedAtEdit + 20));
        } finally {
            poster.stop.set(true);
            posting.join(60_000);
        }
        assertThat(poster.failure.get()).as("the poster's last unexpected answer").isNull();
        System.out.printf("posted %d batches, %d retries while the routes reloaded%n", poster.accepted.get(),
                poster.retried.get());

        long expected = (long) poster.accepted.get() * EVENTS_PER_POST;
        eventually().atMost(Duration.ofSeconds(90)).until(() -> readsCounted(datasetId) >= expected);
        assertThat(readsCounted(datasetId)).as("every accepted event counted exactly once").isEqualTo(expected);
        assertThat(count("SELECT COALESCE(SUM(read_count), 0) FROM access_aggregates")).isEqualTo(expected);
        assertThat(api.get("/health").json().path("status").asText()).isEqualTo("UP");
    }

    /** Reads counted for a dataset, from its activity as the API reports it. */
    private long readsCounted(long datasetId) {
        long reads = 0;
        for (JsonNode window : api.get("/datasets/" + datasetId + "/activity").json()) {
            reads += window.path("read_count").asLong();
        }
        return reads;
    }

    /** A client that posts batches of events one after the other, as an application would; a batch
     *  the service cannot take right now (503 while the routes reload, or a refused connection) is
     *  posted again with the same event ids, so it can never be counted twice. */
    private final class Poster implements Runnable {
        final long datasetId;
        final AtomicInteger accepted = new AtomicInteger();
        final AtomicBoolean edited = new AtomicBoolean();
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicInteger retried = new AtomicInteger();
        volatile String lastBody = "";
        final java.util.concurrent.atomic.AtomicReference<String> failure = new java.util.concurrent.atomic.AtomicReference<>();

        Poster(long datasetId) {
            this.datasetId = datasetId;
        }

        @Override
        public void run() {
            long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
            for (int batch = 0; batch < 5_000 && !stop.get() && System.nanoTime() < deadline; batch++) {
                String body = batch(batch);
                while (!stop.get() && System.nanoTime() < deadline) {
                    int status = post(body);
                    if (status == 202) {
                        accepted.incrementAndGet();
                        break;
                    }
                    if (status != 503 && status != -1) {
                        failure.set("batch " + batch + ": " + status + " " + lastBody);
                        return;
                    }
                    retried.incrementAndGet();
                    sleep(100);
                }
            }
        }

        private int post(String body) {
            try {
                HttpResponse<String> r = api.client().send(HttpRequest.newBuilder(api.uri("/access-events"))
                        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                lastBody = r.body();
                if (r.statusCode() == 202 && r.headers().firstValue("X-Routes-Edition").filter("edited"::equals).isPresent()) {
                    edited.set(true);
                }
                return r.statusCode();
            } catch (IOException e) {
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop.set(true);
                return -1;
            }
        }

        private String batch(int batch) {
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < EVENTS_PER_POST; i++) {
                b.append(i > 0 ? "," : "").append(Api.json("dataset_id", datasetId, "op", "read", "size_bytes", 1,
                        "event_id", "live-" + batch + "-" + i));
            }
            return b.append(']').toString();
        }

        private void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop.set(true);
            }
        }
    }

    private static Path copyOfTheRoutes(Path dir) {
        try (InputStream in = RouteReloadTest.class.getResourceAsStream("/routes.yaml")) {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("routes.yaml"), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
