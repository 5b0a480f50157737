package routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import routes.move.StepGate;
import routes.storage.DatasetChecksum;
import routes.storage.HashingInputStream;
import routes.support.Api;
import routes.support.S3ProxyServer;
import routes.support.ServiceTestSupport;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Moves between every pair of stores, against a real S3 server (S3Proxy) and Google's in-memory
 *  GCS, checked with the stores' own clients: every object's bytes and SHA-256 at the destination,
 *  the source emptied, the class the destination stores it in, the manifest and the replicas. */
class StoresMatrixTest extends ServiceTestSupport {

    private S3ProxyServer s3Server;
    private S3Client s3;
    private final Storage gcs = LocalStorageHelper.getOptions().getService();
    private int counter;

    @Override
    protected void beforeStart(Main main) throws Exception {
        s3Server = S3ProxyServer.withBucket("dim");
        s3 = s3Server.client();
        main.bind("gcsStorage", gcs);
    }

    @Override
    protected Map<String, String> overrides() {
        // pages of 7 objects: listings and manifests of every case here span many pages; within S3 the 200 MiB
        // object is copied part by part by the server, as objects over 5 GiB are on S3
        return S3ProxyServer.serviceSettings(s3Server.endpoint(), Map.ofEntries(
                Map.entry("dim.s3.part-size-bytes", Integer.toString(5 << 20)), Map.entry("dim.mover.parallelism", "8"),
                Map.entry("dim.s3.single-copy-max-bytes", Integer.toString(64 << 20)),
                Map.entry("dim.mover.page-size", "7"), Map.entry("dim.http.max-body-bytes", "1048576"),
                Map.entry("dim.stores", "local,s3-dim,gcs-dim"), Map.entry("dim.stores.s3-dim.uri-prefix", "s3://dim/"),
                Map.entry("dim.stores.gcs-dim.uri-prefix", "gs://dim/")));
    }

    @AfterAll
    void stopS3() throws Exception {
        s3Server.close();
    }

    /** Both test stores keep objects in this JVM's heap: empty them after each case. */
    @AfterEach
    void emptyTheBuckets() {
        for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket("dim")).contents()) {
            s3.deleteObject(b -> b.bucket("dim").key(o.key()));
        }
        for (Blob b : gcs.list("dim").iterateAll()) {
            gcs.delete(b.getBlobId());
        }
    }

    static List<String[]> directions() {
        String[] schemes = {"file", "s3", "gs"};
        List<String[]> all = new java.util.ArrayList<>();
        for (String from : schemes) {
            for (String to : schemes) {
                all.add(new String[] {from, to});
            }
        }
        return all;
    }

    private String location(String scheme, String name) {
        return switch (scheme) {
            case "file" -> fileUri(name);
            case "s3" -> "s3://dim/" + name;
            case "gs" -> "gs://dim/" + name;
            default -> throw new IllegalArgumentException(scheme);
        };
    }

    private long seeded(String uri, long size, int objects) {
        return seededDataset("ds-" + (++counter), uri, size, objects);
    }

    /** Moves a dataset and checks everything a user would. */
    private void moveAndCheck(long dataset, String from, String to, String tier) throws IOException {
        Map<String, String> before = digests(from);
        assertThat(before).isNotEmpty();
        JsonNode job = completedJob(plannedMove(dataset, tier, to));
        assertThat(digests(to)).as("every object at the destination, byte for byte").isEqualTo(before);
        assertThat(digests(from)).as("the source is gone").isEmpty();
        assertThat(job.path("objects")).hasSize(before.size());
        job.path("objects").forEach(o -> assertThat(o.path("verified").asBoolean()).isTrue());
        assertThat(job.path("objects_done").asInt()).isEqualTo(before.size());
        JsonNode ds = api.get("/datasets/" + dataset).json();
        assertThat(ds.path("path_uri").asText()).isEqualTo(to);
        assertThat(ds.path("replicas")).hasSize(1);
        assertThat(ds.path("replicas").get(0).path("uri").asText()).isEqualTo(to);
        assertThat(ds.path("current_tier").asText()).isEqualTo(tier);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("directions")
    void oneObjectAndAPrefixMoveInEveryDirection(String from, String to) throws IOException {
        String single = location(from, "single-" + from + "-" + to);
        moveAndCheck(seeded(single, 300_000, 1), single, location(to, "single-" + from + "-" + to + "-moved"), "cold");
        String prefix = location(from, "prefix-" + from + "-" + to);
        moveAndCheck(seeded(prefix, 100_000, 20), prefix, location(to, "prefix-" + from + "-" + to + "-moved"), "warm");
    }

    @Test
    void storesAreRegisteredWithTheirClassesAndPrices() {
        JsonNode all = api.get("/stores").json();
        assertThat(all.findValuesAsText("name")).contains("local", "s3-dim", "gcs-dim");
        Api.Response created = api.post("/stores", "{\"name\":\"deep\",\"uri_prefix\":\"s3://dim/deep\","
                + "\"region\":\"us-east-1\",\"classes\":{\"cold\":{\"storage_class\":\"DEEP_ARCHIVE\","
                + "\"cost_per_gb_month\":0.00099,\"min_storage_days\":180}}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode cold = created.json().path("classes").path("cold");
        assertThat(cold.path("storage_class").asText()).isEqualTo("DEEP_ARCHIVE");
        assertThat(cold.path("min_storage_days").asInt()).isEqualTo(180);
        assertThat(created.json().path("classes").path("warm").path("storage_class").asText()).isEqualTo("STANDARD_IA");
        assertThat(api.post("/stores", Api.json("name", "deep", "uri_prefix", "s3://dim/deep")).status()).isEqualTo(200);
        Api.Response bad = api.post("/stores", "{\"name\":\"x\",\"uri_prefix\":\"s3://dim/x\","
                + "\"classes\":{\"cold\":{\"cost_per_gb_month\":-1}}}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.field()).isEqualTo("classes.cold.cost_per_gb_month");
        assertThat(api.post("/stores", Api.json("name", "y", "uri_prefix", "ftp://host/")).field()).isEqualTo("uri_prefix");
        assertThat(api.post("/stores", Api.json("name", "Bad Name", "uri_prefix", "s3://dim/z")).field()).isEqualTo("name");
    }

    @Test
    void theDestinationStoresTheTiersClass() throws IOException {
        String src = fileUri("classy");
        long ds = seeded(src, 1000, 1);
        moveAndCheck(ds, src, "s3://dim/classy", "warm");
        assertThat(s3.headObject(b -> b.bucket("dim").key("classy")).storageClassAsString()).isEqualTo("STANDARD_IA");
        moveAndCheck(ds, "s3://dim/classy", "gs://dim/classy", "cold");
        assertThat(gcs.get(BlobId.of("dim", "classy")).getStorageClass().name()).isEqualTo("COLDLINE");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("directions")
    void anEmptyObjectMovesInEveryDirection(String from, String to) throws IOException {
        String src = location(from, "empty-" + from + "-" + to);
        moveAndCheck(seeded(src, 0, 1), src, location(to, "empty-" + from + "-" + to + "-moved"), "cold");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("directions")
    void aThousandSmallObjectsMoveInEveryDirection(String from, String to) throws IOException {
        String src = location(from, "many-" + from + "-" + to);
        moveAndCheck(seeded(src, 1_000_000, 1000), src, location(to, "many-" + from + "-" + to + "-moved"), "warm");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("directions")
    void a200MiBObjectMovesInPartsInEveryDirection(String from, String to) throws IOException {
        String src = location(from, "large-" + from + "-" + to);
        moveAndCheck(seeded(src, 200L << 20, 1), src, location(to, "large-" + from + "-" + to + "-moved"), "warm");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("directions")
    void keysWithSpacesUnicodeAndNestedFoldersArePreserved(String from, String to) throws IOException {
        String name = "odd-" + from + "-" + to;
        Path staging = storage.resolve(name + "-staging");
        for (String key : List.of("a file with spaces.txt", "ünïcödé/naïve café.csv", "deep/er/and/deeper/x.bin")) {
            Path f = staging.resolve(key);
            Files.createDirectories(f.getParent());
            Files.writeString(f, "content of " + key, StandardCharsets.UTF_8);
        }
        Api.Response r = api.post("/datasets", Api.json("name", name, "path_uri", fileUri(name + "-staging"),
                "size_bytes", 0));
        assertThat(r.status()).isEqualTo(201);
        String src = location(from, name);
        moveAndCheck(r.id(), fileUri(name + "-staging"), src, "hot"); // first bring it to the source store
        moveAndCheck(r.id(), src, location(to, name + "-moved"), "warm");
        assertThat(digests(location(to, name + "-moved"))).containsKey("ünïcödé/naïve café.csv");
    }

    @Test
    void autoSeedNeverOverwritesDataAlreadyThere() throws IOException {
        s3.putObject(b -> b.bucket("dim").key("occupied/theirs.csv"),
                software.amazon.awssdk.core.sync.RequestBody.fromString("someone's data"));
        Api.Response r = api.post("/datasets", Api.json("name", "occupied", "path_uri", "s3://dim/occupied",
                "size_bytes", 1000, "auto_seed", true, "seed_objects", 3));
        assertThat(r.status()).as(r.body()).isEqualTo(409);
        assertThat(r.field()).isEqualTo("path_uri");
        assertThat(digests("s3://dim/occupied")).as("left as it was").containsOnlyKeys("theirs.csv");
    }

    @Test
    void anUnregisteredAnUnknownOrABareBucketIsRefusedAtPlanning() {
        long ds = seeded(fileUri("nowhere"), 10, 1);
        Api.Response unregistered = api.post("/plan-migration", Api.json("dataset_id", ds, "storage_class", "cold",
                "target_location", "s3://elsewhere/x"));
        assertThat(unregistered.status()).isEqualTo(400);
        assertThat(unregistered.field()).isEqualTo("target_location");
        assertThat(unregistered.error()).contains("no registered store holds s3://elsewhere/x");

        Api.Response store = api.post("/stores", Api.json("name", "ghost", "uri_prefix", "s3://no-such-bucket/"));
        assertThat(store.status()).as(store.body()).isEqualTo(201);
        Api.Response unknown = api.post("/plan-migration", Api.json("dataset_id", ds, "storage_class", "cold",
                "target_location", "s3://no-such-bucket/x"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.field()).isEqualTo("target_location");
        assertThat(unknown.error()).contains("no-such-bucket").contains("does not exist");
        Api.Response bare = api.post("/plan-migration", Api.json("dataset_id", ds, "storage_class", "cold",
                "target_location", "gs://dim"));
        assertThat(bare.status()).isEqualTo(400);
        assertThat(bare.error()).contains("not the whole bucket");
        assertThat(count("SELECT COUNT(*) FROM migration_jobs WHERE dataset_id = ?", ds)).isZero();
    }

    @Test
    void aRetriedJobCopiesOnlyWhatIsNotAtTheTargetYet() throws Exception {
        String src = fileUri("resumable");
        long ds = seeded(src, 500_000, 50);
        Map<String, String> original = digests(src);
        context.getRouteController().stopRoute("move-jobs");
        long job = api.post("/plan-migration", Api.json("dataset_id", ds, "storage_class", "warm",
                "target_location", "s3://dim/resumable")).id();
        assertThat(api.post("/jobs/" + job + "/inject-failure", Api.json("after_objects", 20)).status()).isEqualTo(200);
        double copied = metric("dim_objects_copied_total", "");
        context.getRouteController().startRoute("move-jobs");

        eventually().until(() -> api.get("/jobs/" + job).json().path("state").asText().equals("failed"));
        assertThat(api.get("/jobs/" + job).json().path("error").asText()).contains("after 20 objects");
        // 20 copies were let through; the failure interrupts those still in flight, so some may not finish
        double firstAttempt = metric("dim_objects_copied_total", "") - copied;
        assertThat(firstAttempt).isBetween(1.0, 20.0);
        assertThat(digests("s3://dim/resumable").size()).isBetween((int) firstAttempt, 20);
        assertThat(digests(src)).as("the source is untouched").isEqualTo(original);
        assertThat(api.get("/datasets/" + ds).json().path("path_uri").asText()).isEqualTo(src);

        assertThat(api.post("/jobs/" + job + "/retry").status()).isEqualTo(202);
        eventually().until(() -> api.get("/jobs/" + job).json().path("state").asText().equals("completed"));
        assertThat(metric("dim_objects_copied_total", "") - copied - firstAttempt)
                .as("the retry copied only the objects the first attempt did not").isEqualTo(50 - firstAttempt);
        assertThat(digests("s3://dim/resumable")).isEqualTo(original);
        JsonNode done = api.get("/jobs/" + job).json();
        assertThat(done.path("objects")).hasSize(50);
        done.path("objects").forEach(o -> assertThat(o.path("verified").asBoolean()).isTrue());
        assertThat(done.path("objects_done").asInt()).isEqualTo(50);
        assertThat(done.path("objects_total").asInt()).isEqualTo(50);
        assertThat(done.path("checksum_sha256").asText()).as("the dataset's checksum, summed page by page")
                .isEqualTo(DatasetChecksum.of(original));
        assertThat(digests(src)).isEmpty();
    }

    @Test
    void aCopyCorruptedBeforeVerificationIsDiscardedAndRedone() throws Exception {
        String src = fileUri("to-corrupt");
        long ds = seeded(src, 1_000_000, 1);
        String sha = sha256(storage.resolve("to-corrupt"));
        StepGate gate = context.getRegistry().lookupByNameAndType("stepGate", StepGate.class);
        gate.holdBefore("verifying");
        double copied = metric("dim_objects_copied_total", "");
        long job = api.post("/plan-migration", Api.json("dataset_id", ds, "storage_class", "cold",
                "target_location", "gs://dim/corrupt-target")).id();
        assertThat(gate.awaitHeld(60)).isTrue();
        gcs.create(com.google.cloud.storage.BlobInfo.newBuilder("dim", "corrupt-target").build(),
                "not the data".getBytes(StandardCharsets.UTF_8));

        // the verification fails, the copy is discarded and redone; hold again before the switch
        gate.releaseAndHoldBefore("switching");
        assertThat(gate.awaitHeld(60)).isTrue();
        assertThat(api.get("/datasets/" + ds).json().path("path_uri").asText()).as("the source is still primary")
                .isEqualTo(src);
        assertThat(digests("gs://dim/corrupt-target")).containsEntry("", sha);
        gate.release();

        eventually().until(() -> api.get("/jobs/" + job).json().path("state").asText().equals("completed"));
        assertThat(metric("dim_objects_copied_total", "") - copied).as("copied twice").isEqualTo(2);
        assertThat(digests("gs://dim/corrupt-target")).containsExactly(Map.entry("", sha));
        assertThat(storage.resolve("to-corrupt")).doesNotExist();
    }

    /** Key → SHA-256 of every object at a location, read with the store's own client. */
    private Map<String, String> digests(String uri) throws IOException {
        URI u = URI.create(uri);
        Map<String, String> out = new TreeMap<>();
        switch (u.getScheme()) {
            case "file" -> {
                Path p = Path.of(u.getPath());
                if (Files.isRegularFile(p)) {
                    out.put("", sha256(p));
                } else if (Files.isDirectory(p)) {
                    try (Stream<Path> files = Files.walk(p)) {
                        for (Path f : files.filter(Files::isRegularFile).toList()) {
                            out.put(p.relativize(f).toString(), sha256(f));
                        }
                    }
                }
            }
            case "s3" -> {
                String key = u.getPath().substring(1);
                for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(u.getAuthority()).prefix(key)).contents()) {
                    if (o.key().equals(key) || o.key().startsWith(key + "/")) {
                        try (InputStream in = s3.getObject(b -> b.bucket(u.getAuthority()).key(o.key()))) {
                            out.put(o.key().equals(key) ? "" : o.key().substring(key.length() + 1), hash(in));
                        }
                    }
                }
            }
            case "gs" -> {
                String key = u.getPath().substring(1);
                if (gcs.get(BlobId.of(u.getAuthority(), key)) != null) {
                    out.put("", hash(Channels.newInputStream(gcs.reader(BlobId.of(u.getAuthority(), key)))));
                } else {
                    for (Blob b : gcs.list(u.getAuthority(), Storage.BlobListOption.prefix(key + "/")).iterateAll()) {
                        out.put(b.getName().substring(key.length() + 1),
                                hash(Channels.newInputStream(gcs.reader(b.getBlobId()))));
                    }
                }
            }
            default -> throw new IllegalArgumentException(uri);
        }
        return out;
    }

    private static String hash(InputStream in) throws IOException {
        try (HashingInputStream h = new HashingInputStream(in)) {
            return h.drain().sha256Hex();
        }
    }
}
