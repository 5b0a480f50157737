package routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import routes.move.StepGate;
import routes.support.Api;
import routes.support.ServiceTestSupport;

/**
 * The web UI as its users meet it: served by the service on the API's port, and driven in a real
 * browser (Debian's chromium through playwright-core, ui/e2e/run.mjs) through the seed's whole
 * flow, editing a store, the cost history and a replay; and a failure injected into a running job and
 * its retry (ui/e2e/faults.mjs). Screenshots of each pane are left in target/ui-screenshots.
 */
class WebUiTest extends ServiceTestSupport {

    private static final Path UI = Path.of("ui").toAbsolutePath();
    private static final Path SCREENSHOTS = Path.of("target", "ui-screenshots").toAbsolutePath();

    @Override
    protected Map<String, String> overrides() {
        // windows close (and the cost by tier is recorded) every few seconds, so the history has points
        return Map.of("dim.classify.interval", "3s");
    }

    @Test
    void theUiIsServedAtTheRootAndOnItsClientRoutesWithoutShadowingTheApi() {
        Api.Response root = api.get("/");
        assertThat(root.status()).isEqualTo(200);
        assertThat(root.contentType()).startsWith("text/html");
        assertThat(root.body()).contains("<title>Data in Motion</title>", "<div id=\"root\">");

        // a reload of a client-side route gets the same page, which then shows that pane
        Api.Response reload = api.get("/ui/jobs/12");
        assertThat(reload.status()).isEqualTo(200);
        assertThat(reload.body()).isEqualTo(root.body());

        Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(root.body());
        assertThat(script.find()).as("the page names its bundle").isTrue();
        Api.Response bundle = api.get(script.group(1));
        assertThat(bundle.status()).isEqualTo(200);
        assertThat(bundle.contentType()).contains("javascript");

        // the API answers as before, on the same port
        Api.Response datasets = api.get("/datasets");
        assertThat(datasets.status()).isEqualTo(200);
        assertThat(datasets.json().has("items")).isTrue();
        assertThat(api.get("/no-such-path").status()).isEqualTo(404);
        assertThat(api.get("/assets/no-such-file.js").status()).isEqualTo(404);
    }

    @Test
    void aPersonCreatesSeedsTrainsAndMovesADatasetInTheBrowser() throws Exception {
        String output = browser("run.mjs", "ui-e2e.log", Map.of());
        assertThat(output).contains("ok - a planned migration to cold shows its progress bar reach completed live");
        for (String pane : new String[] {"overview", "datasets", "dataset-detail", "dataset-moved", "create-dataset-error",
                "access-events", "training", "jobs", "policies", "store-edit", "store-edited", "metrics", "replay"}) {
            assertThat(SCREENSHOTS.resolve(pane + ".png")).as("screenshot of %s", pane).isNotEmptyFile();
        }
    }

    @Test
    void aFailureInjectedIntoARunningJobShowsLiveAndARetryCompletesIt() throws Exception {
        long dataset = createDataset("ui-fragile", 2 * 1024 * 1024);
        StepGate gate = context.getRegistry().lookupByNameAndType("stepGate", StepGate.class);
        gate.holdBefore("verifying");
        Thread releaser = null;
        try {
            long job = api.post("/plan-migration", Api.json("dataset_id", dataset, "storage_class", "cold",
                    "target_location", fileUri("ui-fragile_cold"))).id();
            assertThat(gate.awaitHeld(60)).as("job %d is held before its verification", job).isTrue();
            // the browser clicks inject-failure while the job is held; the job goes on once it has the mark
            releaser = new Thread(() -> {
                eventually().until(() -> api.get("/jobs/" + job).json().path("failure_injected").asBoolean());
                gate.release();
            });
            releaser.setDaemon(true);
            releaser.start();
            String output = browser("faults.mjs", "ui-e2e-faults.log", Map.of("JOB_ID", Long.toString(job)));
            assertThat(output).contains("ok - retry brings the failed job to completed, live");
            assertThat(api.get("/jobs/" + job).json().path("attempt").asInt()).isEqualTo(2);
            assertThat(api.get("/datasets/" + dataset).json().path("current_tier").asText()).isEqualTo("cold");
            for (String view : new String[] {"job-running", "job-failed", "job-retried"}) {
                assertThat(SCREENSHOTS.resolve(view + ".png")).as("screenshot of %s", view).isNotEmptyFile();
            }
        } finally {
            gate.release();
            if (releaser != null) {
                releaser.interrupt();
            }
        }
    }

    /** Runs one browser script of ui/e2e against the service; its output, once it passed. */
    private String browser(String script, String logName, Map<String, String> env) throws Exception {
        Path log = Path.of("target", logName).toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder("node", "e2e/" + script).directory(UI.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("DIM_URL", api.base());
        pb.environment().put("SCREENSHOTS", SCREENSHOTS.toString());
        pb.environment().putAll(env);
        Process browser = pb.start();
        boolean finished = browser.waitFor(4, TimeUnit.MINUTES);
        if (!finished) {
            browser.destroyForcibly().waitFor();
        }
        String output = read(log);
        assertThat(finished).as("the browser test finished in time:%n%s", output).isTrue();
        assertThat(browser.exitValue()).as("the browser test passed:%n%s", output).isZero();
        return output;
    }

    /** So that only this run's screenshots can count. */
    @BeforeAll
    void deleteScreenshots() throws IOException {
        if (Files.isDirectory(SCREENSHOTS)) {
            try (var files = Files.list(SCREENSHOTS)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".png")).toList()) {
                    Files.delete(f);
                }
            }
        }
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
