package routes;

import static org.assertj.core.api.Assertions.assertThat;


import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import routes.support.Api;
import routes.support.FreePorts;
import routes.support.ServiceProcess;
import routes.support.ServiceTestSupport;

/** A real service process, killed and started again on the same data directory, keeps every
 *  dataset, every acknowledged event and every queued job. */
class RestartTest {

    @TempDir
    Path work;

    @Test
    void datasetsEventsAndQueuedJobsSurviveAKill() throws Exception {
        Path data = work.resolve("data");
        Path storage = data.resolve("storage");
        int port = FreePorts.next();
        try (ServiceProcess service = new ServiceProcess(data, port, Map.of())) {
            // first life: the API only, no mover, so the job stays queued
            service.start(Map.of("DIM_MOVER_ENABLED", "false"));
            Api api = service.api();
            Api.Response created = api.post("/datasets", Api.json("name", "survivor", "path_uri",
                    "file://" + storage.resolve("survivor"), "size_bytes", 2_000_000, "auto_seed", true));
            assertThat(created.status()).isEqualTo(201);
            long ds = created.id();
            String sha = ServiceTestSupport.sha256(storage.resolve("survivor"));
            Api.Response planned = api.post("/plan-migration", Api.json("dataset_id", ds, "storage_class", "cold",
                    "target_location", "file://" + storage.resolve("survivor-cold")));
            assertThat(planned.status()).isEqualTo(202);
            long jobId = planned.id();
            StringBuilder events = new StringBuilder("[");
            for (int i = 0; i < 50; i++) {
                events.append(i > 0 ? "," : "").append(Api.json("dataset_id", ds, "op", "read", "size_bytes", 10));
            }
            assertThat(api.post("/access-events", events.append(']').toString()).status()).isEqualTo(202);
            service.kill();

            // second life: everything acknowledged is still there, and the queued job runs
            service.start(Map.of());
            assertThat(api.get("/datasets/" + ds).json().path("name").asText()).isEqualTo("survivor");
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                    api.get("/jobs/" + jobId).json().path("state").asText().equals("completed"));
            assertThat(ServiceTestSupport.sha256(storage.resolve("survivor-cold"))).isEqualTo(sha);
            assertThat(storage.resolve("survivor")).doesNotExist();
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> accesses(data, ds) == 50);
            Thread.sleep(1000); // a redelivered batch would land now: it must not be counted twice
            assertThat(accesses(data, ds)).isEqualTo(50);
            service.stop();
        }
    }

    private static long accesses(Path data, long datasetId) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("dim.db"));
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT COALESCE(SUM(read_count + write_count), 0) FROM access_aggregates WHERE dataset_id = "
                             + datasetId)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

}
