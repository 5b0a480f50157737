package routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import routes.support.Api;
import routes.support.Cli;
import routes.support.ServiceTestSupport;

/** A job's manifest is read a page at a time: GET /jobs/{id} shows its first 1,000 objects and where
 *  to go on, GET /jobs/{id}/objects walks the rest in key order. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobManifestPagingTest extends ServiceTestSupport {

    private static final int OBJECTS = 1_001;

    private long job;
    private List<String> movedKeys;

    @BeforeAll
    void moveADatasetOfMoreObjectsThanAPage() throws IOException {
        Api.Response created = api.post("/datasets", Api.json("name", "many", "path_uri", fileUri("many"),
                "size_bytes", OBJECTS * 16L, "auto_seed", true, "seed_objects", OBJECTS));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Api.Response planned = api.post("/plan-migration", Api.json("dataset_id", created.id(),
                "storage_class", "warm", "target_location", fileUri("moved/many")));
        assertThat(planned.status()).as(planned.body()).isEqualTo(202);
        job = planned.id();
        eventually().until(() -> api.get("/jobs/" + job).json().path("state").asText().equals("completed"));
        Path target = storage.resolve("moved/many");
        try (Stream<Path> files = Files.walk(target)) {
            movedKeys = files.filter(Files::isRegularFile).map(p -> target.relativize(p).toString()).sorted().toList();
        }
        assertThat(movedKeys).hasSize(OBJECTS);
        assertThat(storage.resolve("many")).as("the source's objects deleted in two batches of keys, then pruned")
                .doesNotExist();
    }

    @Test
    void theJobShowsItsFirstPageAndWhereTheNextStarts() {
        JsonNode detail = api.get("/jobs/" + job).json();
        assertThat(detail.path("objects")).hasSize(1000);
        assertThat(detail.path("objects").get(0).path("object_key").asText()).isEqualTo(movedKeys.get(0));
        assertThat(detail.path("objects_next_after").asText()).isEqualTo(movedKeys.get(999));

        JsonNode rest = api.get("/jobs/" + job + "/objects?after=" + encode(movedKeys.get(999))).json();
        assertThat(rest.path("items")).hasSize(1);
        assertThat(rest.path("items").get(0).path("object_key").asText()).isEqualTo(movedKeys.get(1000));
        assertThat(rest.path("next_after").isNull()).isTrue();
        assertThat(rest.path("total").asLong()).isEqualTo(OBJECTS);
    }

    @Test
    void pagesWalkTheWholeManifestInKeyOrderOnce() {
        List<String> seen = new ArrayList<>();
        String after = "";
        int pages = 0;
        do {
            JsonNode page = api.get("/jobs/" + job + "/objects?limit=300&after=" + encode(after)).json();
            page.path("items").forEach(o -> {
                seen.add(o.path("object_key").asText());
                assertThat(o.path("verified").asBoolean()).isTrue();
                assertThat(o.path("sha256").asText()).hasSize(64);
            });
            after = page.path("next_after").isNull() ? null : page.path("next_after").asText();
            pages++;
        } while (after != null);
        assertThat(pages).isEqualTo(4);
        assertThat(seen).isEqualTo(movedKeys);
    }

    @Test
    void theCliPrintsTheManifestAsSha256sumChecksIt() throws Exception {
        Cli.Run listed = new Cli(api.base()).run("jobs", "objects", Long.toString(job));
        assertThat(listed.exit()).as(listed.err()).isZero();
        assertThat(listed.out().lines()).hasSize(OBJECTS);
        Path sums = dataDir.resolve("SUMS");
        Files.writeString(sums, listed.out());
        Process check = new ProcessBuilder("sha256sum", "--check", "--quiet", sums.toString())
                .directory(storage.resolve("moved/many").toFile()).redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes());
        assertThat(check.waitFor()).as(output).isZero();
    }

    @Test
    void badPagesAreRefusedAndUnknownJobsAreNotFound() {
        for (String limit : List.of("0", "-5", "1001", "many")) {
            Api.Response r = api.get("/jobs/" + job + "/objects?limit=" + limit);
            assertThat(r.status()).as("limit=%s: %s", limit, r.body()).isEqualTo(400);
            assertThat(r.body()).contains("limit");
        }
        assertThat(api.get("/jobs/999999/objects").status()).isEqualTo(404);
        assertThat(api.get("/jobs/x/objects").status()).isEqualTo(400);
        JsonNode past = api.get("/jobs/" + job + "/objects?after=" + encode("\uffff")).json();
        assertThat(past.path("items")).isEmpty();
        assertThat(past.path("next_after").isNull()).isTrue();
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
