package routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import routes.support.Api;
import routes.support.ServiceTestSupport;

/**
 * The web UI as its users meet it: served by the service on the API's port, and driven in a real
 * browser (Debian's chromium through playwright-core, ui/e2e/run.mjs) through the seed's whole
 * flow. Screenshots of each pane are left in target/ui-screenshots.
 */
class WebUiTest extends ServiceTestSupport {

    private static final Path UI = Path.of("ui").toAbsolutePath();

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
        Path screenshots = Path.of("target", "ui-screenshots").toAbsolutePath();
        Path log = Path.of("target", "ui-e2e.log").toAbsolutePath();
        deleteScreenshots(screenshots); // so that only this run's can count
        ProcessBuilder pb = new ProcessBuilder("node", "e2e/run.mjs").directory(UI.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("DIM_URL", api.base());
        pb.environment().put("SCREENSHOTS", screenshots.toString());
        Process browser = pb.start();
        boolean finished = browser.waitFor(4, TimeUnit.MINUTES);
        if (!finished) {
            browser.destroyForcibly().waitFor();
        }
        String output = read(log);
        assertThat(finished).as("the browser test finished in time:%n%s", output).isTrue();
        assertThat(browser.exitValue()).as("the browser test passed:%n%s", output).isZero();
        assertThat(output).contains("ok - a planned migration to cold shows its progress bar reach completed live");
        for (String pane : new String[] {"overview", "datasets", "dataset-detail", "dataset-moved", "create-dataset-error",
                "access-events", "training", "jobs", "policies", "metrics"}) {
            assertThat(screenshots.resolve(pane + ".png")).as("screenshot of %s", pane).isNotEmptyFile();
        }
    }

    private static void deleteScreenshots(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
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
