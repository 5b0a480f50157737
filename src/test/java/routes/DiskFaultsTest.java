package routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import routes.support.Api;
import routes.support.ServiceTestSupport;

/**
 * A destination that is full, or read-only, caused for real: small tmpfs file systems mounted inside
 * the storage root (root only, as in CI). The move fails with the cause after its retries, the source
 * stays primary and byte for byte intact, nothing half-written is left at the destination, the job is
 * dead-lettered, and once the disk has room (or is writable) a retry completes it.
 */
class DiskFaultsTest extends ServiceTestSupport {

    private final Path full = storage.resolve("full");
    private final Path readOnly = storage.resolve("ro");

    @Override
    protected void beforeStart(Main main) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "mounting file systems needs root (CI runs as root)");
        Files.createDirectories(full);
        Files.createDirectories(readOnly);
        sh("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", full.toString());
        sh("mount", "-t", "tmpfs", "-o", "size=8m,ro", "tmpfs", readOnly.toString());
    }

    @AfterAll
    void unmount() throws Exception {
        for (Path p : List.of(full, readOnly)) {
            if (Files.isDirectory(p)) {
                new ProcessBuilder("umount", "-l", p.toString()).start().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aFullDestinationFailsTheMoveAndLosesNothing() throws Exception {
        long ds = createDataset("big", 3_000_000);
        String sha = sha256(storage.resolve("big"));
        long job = plan(ds, full.resolve("big-moved"));

        JsonNode failed = failedWithSourceIntact(job, ds, "big", sha);
        assertThat(failed.path("error").asText()).containsIgnoringCase("no space left");
        assertThat(children(full)).as("no partial copy left on the full disk").isEmpty();

        sh("mount", "-o", "remount,size=8m", full.toString());
        retryCompletes(job, ds, full.resolve("big-moved"), sha);
        assertThat(storage.resolve("big")).doesNotExist();
    }

    @Test
    void aReadOnlyDestinationFailsTheMoveAndLosesNothing() throws Exception {
        long ds = createDataset("locked", 200_000);
        String sha = sha256(storage.resolve("locked"));
        long job = plan(ds, readOnly.resolve("locked-moved"));

        JsonNode failed = failedWithSourceIntact(job, ds, "locked", sha);
        assertThat(failed.path("error").asText()).containsIgnoringCase("read-only");
        assertThat(children(readOnly)).isEmpty();

        sh("mount", "-o", "remount,rw", readOnly.toString());
        retryCompletes(job, ds, readOnly.resolve("locked-moved"), sha);
    }

    private long plan(long ds, Path target) {
        Api.Response planned = api.post("/plan-migration", Api.json("dataset_id", ds, "storage_class", "warm",
                "target_location", "file://" + target));
        assertThat(planned.status()).as(planned.body()).isEqualTo(202);
        return planned.id();
    }

    /** Waits for the job to fail; checks the source, the catalog and the dead letter; returns the job. */
    private JsonNode failedWithSourceIntact(long job, long ds, String name, String sha) throws Exception {
        eventually().until(() -> api.get("/jobs/" + job).json().path("state").asText().equals("failed"));
        assertThat(sha256(storage.resolve(name))).isEqualTo(sha);
        JsonNode dataset = api.get("/datasets/" + ds).json();
        assertThat(dataset.path("path_uri").asText()).isEqualTo(fileUri(name));
        assertThat(dataset.path("replicas")).hasSize(1);
        eventually().until(() -> readTopic("migration_jobs.dlq").stream()
                .anyMatch(r -> r.path("job").path("id").asLong() == job));
        return api.get("/jobs/" + job).json();
    }

    private void retryCompletes(long job, long ds, Path target, String sha) throws Exception {
        assertThat(api.post("/jobs/" + job + "/retry").status()).isEqualTo(202);
        eventually().until(() -> api.get("/jobs/" + job).json().path("state").asText().equals("completed"));
        assertThat(sha256(target)).isEqualTo(sha);
        assertThat(api.get("/datasets/" + ds).json().path("path_uri").asText()).isEqualTo("file://" + target);
    }

    private static List<Path> children(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    private static void sh(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }
}
