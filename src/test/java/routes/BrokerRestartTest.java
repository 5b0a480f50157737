package routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import routes.infra.EmbeddedKafka;
import routes.support.Api;
import routes.support.ServiceTestSupport;

/** The broker goes down and comes back while events are posted and a job runs: every event the API
 *  acknowledged is counted exactly once, and the job completes. */
class BrokerRestartTest extends ServiceTestSupport {

    @Test
    void acknowledgedEventsAreCountedOnceAndJobsFinishAcrossABrokerRestart() throws Exception {
        long ds = createDataset("steady", 20_000_000);
        String sha = sha256(storage.resolve("steady"));
        EmbeddedKafka broker = context.hasService(EmbeddedKafka.class);
        assertThat(broker).isNotNull();

        AtomicBoolean posting = new AtomicBoolean(true);
        AtomicInteger acknowledged = new AtomicInteger();
        Thread client = new Thread(() -> {
            for (int batch = 0; posting.get(); batch++) {
                StringBuilder events = new StringBuilder("[");
                for (int i = 0; i < 10; i++) {
                    events.append(i > 0 ? "," : "").append(Api.json("dataset_id", ds, "op", "read", "size_bytes", 1,
                            "event_id", "b" + batch + "-" + i));
                }
                try {
                    if (api.post("/access-events", events.append(']').toString()).status() == 202) {
                        acknowledged.addAndGet(10);
                    }
                } catch (AssertionError transportFailure) {
                    // not acknowledged: not counted
                }
            }
        });
        client.start();
        Thread.sleep(1000);
        long job = api.post("/plan-migration", Api.json("dataset_id", ds, "storage_class", "warm",
                "target_location", fileUri("steady-warm"))).id();

        broker.stop();
        Thread.sleep(3000);
        broker.start();
        Thread.sleep(2000);
        posting.set(false);
        client.join();

        assertThat(acknowledged.get()).isGreaterThan(0);
        eventually().until(() -> count("SELECT COALESCE(SUM(read_count), 0) FROM access_aggregates WHERE dataset_id = ?",
                ds) >= acknowledged.get());
        Thread.sleep(1000); // anything counted twice would show up now
        assertThat(count("SELECT SUM(read_count) FROM access_aggregates WHERE dataset_id = ?", ds))
                .isEqualTo(acknowledged.get());
        eventually().until(() -> api.get("/jobs/" + job).json().path("state").asText().equals("completed"));
        assertThat(sha256(storage.resolve("steady-warm"))).isEqualTo(sha);
    }
}
