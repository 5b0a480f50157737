package routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import routes.move.StepGate;
import routes.storage.HashingInputStream;
import routes.support.Api;
import routes.support.S3ProxyServer;
import routes.support.ServiceTestSupport;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A move into S3 is verified from one listing of the target: S3's ETag of every object, worked out
 * from the bytes as they were copied (one PUT, or a multipart upload of 5 MiB parts), is compared
 * with the ETag S3 lists, and no object is downloaded again. A copy changed between copy and verify
 * is caught that way too; objects whose ETag cannot be foretold (under a KMS key) are read back. The
 * S3 server (S3Proxy) counts the objects it serves. A move within one file system links each file under
 * its new name and verifies it by which file it is (device, inode, size, last change), so a dataset
 * written to during the move is caught and kept where it is.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoreChecksumVerifyTest extends ServiceTestSupport {

    private S3ProxyServer s3Server;
    private S3Client s3;

    @Override
    protected void beforeStart(Main main) throws Exception {
        s3Server = S3ProxyServer.withBucket("dim");
        s3 = s3Server.client();
    }

    @Override
    protected Map<String, String> overrides() {
        return S3ProxyServer.serviceSettings(s3Server.endpoint(), Map.of("dim.s3.part-size-bytes", Long.toString(5L << 20),
                "dim.stores", "local,plain,vault", "dim.stores.plain.uri-prefix", "s3://dim/plain/",
                "dim.stores.vault.uri-prefix", "s3://dim/vault/", "dim.stores.vault.encryption", "SSE-KMS"));
    }

    @AfterAll
    void stopS3() throws Exception {
        s3Server.close();
    }

    @Test
    void aMoveIntoS3IsVerifiedByTheETagsItListsWithoutDownloadingAnObject() throws IOException {
        long many = seeded("many", 12_000, 6);
        long large = seeded("large", 11L << 20, 1);
        Map<String, String> sources = digests(storage.resolve("many"));
        int served = s3Server.calls("getBlob");
        int listed = s3Server.calls("list");

        JsonNode manyJob = move(many, "s3://dim/plain/many");
        JsonNode largeJob = move(large, "s3://dim/plain/large");

        assertThat(s3Server.calls("getBlob") - served).as("no object read back").isZero();
        assertThat(s3Server.calls("list") - listed).as("listings: planning and verifying").isPositive();
        Map<String, String> etags = etags("plain/many/");
        assertThat(manyJob.path("objects")).hasSize(6).allSatisfy(o -> {
            assertThat(o.path("verified").asBoolean()).isTrue();
            assertThat(o.path("store_checksum").asText()).isEqualTo(etags.get(o.path("object_key").asText()));
        });
        assertThat(etags).hasSize(6);
        assertThat(largeJob.path("objects").get(0).path("store_checksum").asText())
                .as("11 MiB in 5 MiB parts").endsWith("-3").isEqualTo(etags("plain/large").values().iterator().next());
        assertThat(s3Digests("plain/many/")).isEqualTo(sources);
    }

    @Test
    void aCopyChangedBeforeVerificationIsCaughtByItsETagAndRedone() throws Exception {
        long ds = seeded("changed", 8_000, 4);
        Map<String, String> sources = digests(storage.resolve("changed"));
        StepGate gate = context.getRegistry().lookupByNameAndType("stepGate", StepGate.class);
        gate.holdBefore("verifying");
        double copied = metric("dim_objects_copied_total", "");
        long job = plannedMove(ds, "warm", "s3://dim/plain/changed");
        assertThat(gate.awaitHeld(60)).isTrue();
        String victim = etags("plain/changed/").keySet().iterator().next();
        s3.putObject(b -> b.bucket("dim").key("plain/changed/" + victim),
                RequestBody.fromString("x".repeat(2000), StandardCharsets.UTF_8)); // same size, other bytes

        gate.releaseAndHoldBefore("switching");
        assertThat(gate.awaitHeld(60)).isTrue();
        assertThat(api.get("/datasets/" + ds).json().path("path_uri").asText()).as("the source is still primary")
                .isEqualTo(fileUri("changed"));
        gate.release();

        completedJob(job);
        assertThat(metric("dim_objects_copied_total", "") - copied).as("the copy was discarded and redone")
                .isEqualTo(8);
        assertThat(s3Digests("plain/changed/")).isEqualTo(sources);
    }

    @Test
    void aRetryConfirmsWhatTheFailedAttemptCopiedByItsETagWithoutReadingItBack() throws Exception {
        long ds = seeded("resumed", 30_000, 15);
        Map<String, String> sources = digests(storage.resolve("resumed"));
        context.getRouteController().stopRoute("move-jobs");
        long job = plannedMove(ds, "warm", "s3://dim/plain/resumed");
        assertThat(api.post("/jobs/" + job + "/inject-failure", Api.json("after_objects", 6)).status()).isEqualTo(200);
        double copied = metric("dim_objects_copied_total", "");
        context.getRouteController().startRoute("move-jobs");
        eventually().until(() -> api.get("/jobs/" + job).json().path("state").asText().equals("failed"));
        double firstAttempt = metric("dim_objects_copied_total", "") - copied;
        assertThat(firstAttempt).isBetween(1.0, 6.0);

        int served = s3Server.calls("getBlob");
        int heads = s3Server.calls("blobMetadata");
        assertThat(api.post("/jobs/" + job + "/retry").status()).isEqualTo(202);
        completedJob(job);

        assertThat(s3Server.calls("getBlob") - served).as("nothing read back, neither to resume nor to verify")
                .isZero();
        assertThat(s3Server.calls("blobMetadata") - heads).as("one HEAD per object the first attempt copied")
                .isGreaterThanOrEqualTo((int) firstAttempt);
        assertThat(metric("dim_objects_copied_total", "") - copied - firstAttempt).as("the rest copied")
                .isEqualTo(15 - firstAttempt);
        assertThat(s3Digests("plain/resumed/")).isEqualTo(sources);
    }

    @Test
    void aMoveWithinS3IsCopiedByTheServerAndEachObjectReadOnceToBeHashedFromOneListing() throws IOException {
        long inside = seededDataset("inside", "s3://dim/plain/inside", 11_000_000, 5);
        Map<String, String> sources = s3Digests("plain/inside/");
        int puts = s3Server.calls("putBlob");
        int served = s3Server.calls("getBlob");
        int copies = s3Server.calls("copyBlob");
        int listed = s3Server.calls("list");

        JsonNode job = move(inside, "s3://dim/plain/inside-moved");

        assertThat(s3Server.calls("list") - listed).as("planning looks at the target and at the source, the copy "
                + "lists the source once (its totals and its objects), verifying lists the target").isEqualTo(4);
        assertThat(s3Server.calls("putBlob") - puts).as("no bytes sent back up").isZero();
        assertThat(s3Server.calls("copyBlob") - copies).isEqualTo(5);
        assertThat(s3Server.calls("getBlob") - served).as("each source object read once, to hash it").isEqualTo(5);
        assertThat(job.path("objects")).hasSize(5).allSatisfy(o -> assertThat(o.path("verified").asBoolean()).isTrue());
        assertThat(job.path("checksum_sha256").asText()).isEqualTo(api.get("/datasets/" + inside).json()
                .path("checksum_sha256").asText());
        assertThat(s3Digests("plain/inside-moved/")).isEqualTo(sources);
        assertThat(etags("plain/inside/")).as("the source is gone").isEmpty();
    }

    @Test
    void objectsWhoseETagCannotBeForetoldAreReadBack() {
        long ds = seeded("sealed", 6_000, 3);
        int served = s3Server.calls("getBlob");

        JsonNode job = move(ds, "s3://dim/vault/sealed");

        assertThat(job.path("objects")).hasSize(3).allSatisfy(o -> {
            assertThat(o.path("verified").asBoolean()).isTrue();
            assertThat(o.has("store_checksum")).as("S3's ETag under a KMS key is no MD5").isFalse();
        });
        assertThat(s3Server.calls("getBlob") - served).as("each object read back once").isEqualTo(3);
    }

    @Test
    void aMoveWithinOneFileSystemGivesEachFileANewNameAndVerifiesItByWhichFileItIs() throws IOException {
        long ds = seeded("linked", 9_000, 4);
        Map<String, String> sources = digests(storage.resolve("linked"));
        Map<String, Object> files = fileKeys(storage.resolve("linked"));

        JsonNode job = move(ds, fileUri("elsewhere/linked"));

        assertThat(fileKeys(storage.resolve("elsewhere/linked"))).as("the same files, no second copy").isEqualTo(files);
        assertThat(digests(storage.resolve("elsewhere/linked"))).isEqualTo(sources);
        assertThat(storage.resolve("linked")).as("the source's names are gone").doesNotExist();
        assertThat(job.path("objects")).hasSize(4).allSatisfy(o -> {
            assertThat(o.path("verified").asBoolean()).isTrue();
            assertThat(o.path("store_checksum").asText()).as("verified by the file's identity")
                    .startsWith(files.get(o.path("object_key").asText()).toString());
        });
    }

    @Test
    void aDatasetWrittenToWhileMovedWithinOneFileSystemIsNotMovedAndKeepsWhatWasWritten() throws Exception {
        long ds = seeded("written", 8_000, 4);
        StepGate gate = context.getRegistry().lookupByNameAndType("stepGate", StepGate.class);
        gate.holdBefore("verifying");
        long job = plannedMove(ds, "warm", fileUri("elsewhere/written"));
        assertThat(gate.awaitHeld(60)).isTrue();
        Path appended;
        try (Stream<Path> copied = Files.walk(storage.resolve("elsewhere/written"))) {
            appended = copied.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        // the copy and its source are one file: an append through either name changes the dataset
        Files.writeString(appended, "one more line", StandardOpenOption.APPEND);
        Map<String, String> written = digests(storage.resolve("written"));
        gate.release();

        eventually().until(() -> api.get("/jobs/" + job).json().path("state").asText().equals("failed"));
        assertThat(api.get("/jobs/" + job).json().path("error").asText())
                .contains("changed or is corrupt at the source").contains("nothing was moved");
        assertThat(api.get("/datasets/" + ds).json().path("path_uri").asText()).as("the source is still primary")
                .isEqualTo(fileUri("written"));
        assertThat(digests(storage.resolve("written"))).as("what was written is kept").isEqualTo(written);
        assertThat(storage.resolve("elsewhere/written")).as("the copy is discarded").doesNotExist();
    }

    /** Path below {@code dir} → the file system's key of the file (device and inode). */
    private static Map<String, Object> fileKeys(Path dir) throws IOException {
        Map<String, Object> out = new HashMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(f).toString(), Files.readAttributes(f, BasicFileAttributes.class).fileKey());
            }
        }
        return out;
    }

    private long seeded(String name, long size, int objects) {
        return seededDataset(name, fileUri(name), size, objects);
    }

    private JsonNode move(long dataset, String target) {
        return completedJob(plannedMove(dataset, "warm", target));
    }

    /** Key below {@code prefix} → ETag without its quotes, as S3 lists them. */
    private Map<String, String> etags(String prefix) {
        Map<String, String> out = new HashMap<>();
        for (S3Object o : s3.listObjectsV2(b -> b.bucket("dim").prefix(prefix)).contents()) {
            out.put(o.key().substring(Math.min(prefix.length(), o.key().length())), o.eTag().replace("\"", ""));
        }
        return out;
    }

    /** Key below {@code prefix} → SHA-256 of the bytes S3 serves. */
    private Map<String, String> s3Digests(String prefix) throws IOException {
        Map<String, String> out = new HashMap<>();
        for (String key : etags(prefix).keySet()) {
            try (HashingInputStream in = new HashingInputStream(s3.getObject(b -> b.bucket("dim").key(prefix + key)))) {
                out.put(key, in.drain().sha256Hex());
            }
        }
        return out;
    }

    /** Path below {@code dir} → SHA-256 of every file. */
    private static Map<String, String> digests(Path dir) throws IOException {
        Map<String, String> out = new HashMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(f).toString(), sha256(f));
            }
        }
        return out;
    }
}
