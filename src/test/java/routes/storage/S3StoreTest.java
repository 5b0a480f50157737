package routes.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import routes.storage.s3.S3Backend;
import routes.storage.s3.S3Store;
import routes.support.HeaderTap;
import routes.support.S3ProxyServer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 driver against a real S3 server (S3Proxy): large objects go up in parts, several at a
 *  time, and arrive byte for byte; a failed upload leaves neither an object nor a pending upload. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3StoreTest {

    private static final long PART = 5L << 20;

    private final S3ProxyServer server = S3ProxyServer.withBucket("bench");
    private final S3Client s3 = server.client();
    private final S3Store store = store(server.endpoint(), Map.of("dim.s3.upload-concurrency", "4"));

    S3StoreTest() throws Exception {
        // one server for all cases (PER_CLASS): the fields above start it
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    @Test
    void aLargeObjectGoesUpInPartsAndArrivesByteForByte() throws IOException {
        long size = 200L << 20;
        HashingInputStream sent = new HashingInputStream(new Generated(size, 1, Long.MAX_VALUE));
        store.write(URI.create("s3://bench/large"), "", sent, size, "STANDARD", Encryption.NONE);

        assertThat(sent.count()).isEqualTo(size);
        assertThat(s3.headObject(b -> b.bucket("bench").key("large")).contentLength()).isEqualTo(size);
        try (HashingInputStream back = new HashingInputStream(s3.getObject(b -> b.bucket("bench").key("large")))) {
            assertThat(back.drain().sha256Hex()).isEqualTo(sent.sha256Hex());
        }
    }

    @Test
    void aSourceFailingMidUploadLeavesNoObjectAndNoPendingUpload() {
        long size = 100L << 20;
        InputStream failing = new Generated(size, 2, 37L << 20);
        assertThatThrownBy(() -> store.write(URI.create("s3://bench/broken"), "", failing, size, "STANDARD", Encryption.NONE))
                .isInstanceOf(IOException.class).hasMessageContaining("disk gone");

        assertThat(s3.listObjectsV2(b -> b.bucket("bench").prefix("broken")).contents()).isEmpty();
        assertThat(s3.listMultipartUploads(b -> b.bucket("bench")).uploads()).as("no upload left pending").isEmpty();
    }

    @Test
    void aListingSpanningSeveralPagesComesWholeAndInKeyOrder() throws IOException {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 1203; i++) { // S3 lists 1,000 keys per page
            String key = String.format("part-%05d", i);
            keys.add(key);
            s3.putObject(b -> b.bucket("bench").key("many/" + key), RequestBody.fromString(key));
        }
        s3.putObject(b -> b.bucket("bench").key("many-not-this/x"), RequestBody.fromString("other dataset"));
        List<StoredObject> listed = new ArrayList<>();
        store.list(URI.create("s3://bench/many"), listed::add);

        assertThat(listed).extracting(StoredObject::key).isEqualTo(keys);
        assertThat(listed).extracting(StoredObject::sizeBytes).containsOnly(10L);
        assertThat(store.stat(URI.create("s3://bench/many"), "part-00007")).map(StoredObject::sizeBytes).hasValue(10L);
        assertThat(store.stat(URI.create("s3://bench/many"), "part-99999")).isEmpty();
        assertThat(store.isEmpty(URI.create("s3://bench/many"))).isFalse();
        assertThat(store.isEmpty(URI.create("s3://bench/none"))).isTrue();
    }

    @Test
    void everyWriteAsksForTheStoresEncryptionElseTheConfiguredOne() throws Exception {
        try (HeaderTap tap = new HeaderTap(server.port(), "x-amz-server-side-encryption")) {
            S3Store tapped = store(tap.endpoint(), Map.of("dim.s3.sse", "aws:kms", "dim.s3.kms-key-id", "configured-key"));
            URI at = URI.create("s3://bench/encrypted");

            tapped.write(at, "small", new Generated(1000, 3, Long.MAX_VALUE), 1000, "STANDARD",
                    Encryption.parse("SSE-KMS:arn:aws:kms:eu-west-1:111122223333:key/vault"));
            assertThat(tap.lines()).containsExactly("x-amz-server-side-encryption: aws:kms",
                    "x-amz-server-side-encryption-aws-kms-key-id: arn:aws:kms:eu-west-1:111122223333:key/vault");

            tap.clear(); // a multipart upload asks once, when it is created
            tapped.write(at, "large", new Generated(3 * PART, 4, Long.MAX_VALUE), 3 * PART, "STANDARD",
                    Encryption.parse("SSE-S3"));
            assertThat(tap.lines()).containsExactly("x-amz-server-side-encryption: AES256");

            tap.clear(); // a store registered without encryption gets dim.s3.sse and dim.s3.kms-key-id
            tapped.write(at, "default", new Generated(10, 5, Long.MAX_VALUE), 10, "STANDARD", Encryption.NONE);
            assertThat(tap.lines()).containsExactly("x-amz-server-side-encryption: aws:kms",
                    "x-amz-server-side-encryption-aws-kms-key-id: configured-key");

            tap.clear(); // and with neither, nothing is asked
            store(tap.endpoint(), Map.of()).write(at, "plain", new Generated(10, 6, Long.MAX_VALUE), 10, "STANDARD",
                    Encryption.NONE);
            assertThat(tap.lines()).isEmpty();
            assertThat(s3.listObjectsV2(b -> b.bucket("bench").prefix("encrypted/")).contents()).hasSize(4);
        }
    }

    @Test
    void aWriteForetellsTheChecksumTheStoreListsUnlessAKmsKeyHidesIt() throws Exception {
        URI at = URI.create("s3://bench/foretold");
        byte[] small = new Generated(1000, 7, Long.MAX_VALUE).readAllBytes();
        String single = store.write(at, "small", new java.io.ByteArrayInputStream(small), small.length, "STANDARD",
                Encryption.NONE);
        String parts = store.write(at, "large", new Generated(2 * PART + 10, 8, Long.MAX_VALUE), 2 * PART + 10,
                "STANDARD", Encryption.NONE);
        String underKms = store.write(at, "kms", new Generated(1000, 9, Long.MAX_VALUE), 1000, "STANDARD",
                Encryption.parse("SSE-KMS"));

        assertThat(single).as("a single PUT: the MD5 of its bytes")
                .isEqualTo(java.util.HexFormat.of().formatHex(Md5.of(small)));
        assertThat(parts).as("three parts: the MD5 of their MD5s, then the count").endsWith("-3");
        assertThat(underKms).as("S3's ETag under a KMS key is no MD5: nothing to foretell").isNull();
        Map<String, String> listed = new java.util.HashMap<>();
        store.list(at, o -> listed.put(o.key(), o.checksum()));
        assertThat(listed).containsEntry("small", single).containsEntry("large", parts);
        assertThat(s3.headObject(b -> b.bucket("bench").key("foretold/large")).eTag()).isEqualTo('"' + parts + '"');
        assertThat(store.stat(at, "large")).hasValue(new StoredObject("large", 2 * PART + 10, parts));
    }

    @Test
    void aCopyWithinTheStoreIsMadeByTheServerAndForetoldFromTheBytesRead() throws Exception {
        URI from = URI.create("s3://bench/copy-src");
        store.write(from, "multi", new Generated(2 * PART + 10, 10, Long.MAX_VALUE), 2 * PART + 10, "STANDARD",
                Encryption.NONE);
        s3.createBucket(b -> b.bucket("other"));
        int puts = server.calls("putBlob");
        int copies = server.calls("copyBlob");

        HashingInputStream read = new HashingInputStream(store.openRead(from, "multi"));
        String foretold;
        try (HeaderTap tap = new HeaderTap(server.port(), "x-amz-storage-class")) {
            foretold = store(tap.endpoint(), Map.of()).copyWithin(from, URI.create("s3://other/copy-dst"), "multi",
                    read, 2 * PART + 10, "STANDARD_IA", Encryption.NONE);
            // S3 applies it to the copy; S3Proxy keeps the source's class on a copy, so the request is checked
            assertThat(tap.lines()).containsExactly("x-amz-storage-class: STANDARD_IA");
        }

        assertThat(server.calls("putBlob") - puts).as("no bytes sent back up").isZero();
        assertThat(server.calls("copyBlob") - copies).isEqualTo(1);
        assertThat(read.count()).isEqualTo(2 * PART + 10);
        assertThat(foretold).as("a copy is one part: the MD5 of its bytes").doesNotContain("-")
                .isEqualTo(s3.headObject(b -> b.bucket("other").key("copy-dst/multi")).eTag().replace("\"", ""));
        try (HashingInputStream back = new HashingInputStream(s3.getObject(b -> b.bucket("other").key("copy-dst/multi")))) {
            assertThat(back.drain().sha256Hex()).isEqualTo(read.sha256Hex());
        }
    }

    @Test
    void aCopyLargerThanOneCopyObjectIsCopiedPartByPartByTheServer() throws Exception {
        URI from = URI.create("s3://bench/big-src");
        long size = 2 * PART + 10;
        store.write(from, "obj", new Generated(size, 11, Long.MAX_VALUE), size, "STANDARD", Encryption.NONE);
        // S3 copies up to 5 GiB with one CopyObject; here the limit is one part, so three parts are copied
        Map<String, String> oneCopyIsOnePart = Map.of("dim.s3.single-copy-max-bytes", Long.toString(PART));

        HashingInputStream read = new HashingInputStream(store.openRead(from, "obj"));
        String foretold;
        try (HeaderTap ranges = new HeaderTap(server.port(), "x-amz-copy-source-range");
             HeaderTap bodies = new HeaderTap(ranges.port(), "content-length")) {
            foretold = store(bodies.endpoint(), oneCopyIsOnePart).copyWithin(from, URI.create("s3://bench/big-dst"),
                    "obj", read, size, "STANDARD_IA", Encryption.NONE);
            assertThat(ranges.lines()).containsExactlyInAnyOrder("x-amz-copy-source-range: bytes=0-" + (PART - 1),
                    "x-amz-copy-source-range: bytes=" + PART + "-" + (2 * PART - 1),
                    "x-amz-copy-source-range: bytes=" + 2 * PART + "-" + (size - 1));
            // create, three part copies, complete: no request carries object bytes
            assertThat(bodies.lines()).allSatisfy(line ->
                    assertThat(Long.parseLong(line.substring(line.indexOf(':') + 1).trim())).isLessThan(4096));
        }

        assertThat(read.count()).isEqualTo(size);
        assertThat(foretold).as("three copied parts: foretold from the bytes read, as S3 lists it").endsWith("-3")
                .isEqualTo(s3.headObject(b -> b.bucket("bench").key("big-dst/obj")).eTag().replace("\"", ""));
        try (HashingInputStream back = new HashingInputStream(s3.getObject(b -> b.bucket("bench").key("big-dst/obj")))) {
            assertThat(back.drain().sha256Hex()).isEqualTo(read.sha256Hex());
        }

        // the source failing half-way: the upload is aborted, nothing appears
        InputStream failing = new Generated(size, 11, PART + 1000);
        assertThatThrownBy(() -> store(server.endpoint(), oneCopyIsOnePart).copyWithin(from,
                URI.create("s3://bench/big-broken"), "obj", failing, size, "STANDARD", Encryption.NONE))
                .isInstanceOf(IOException.class).hasMessageContaining("disk gone");
        assertThat(s3.listObjectsV2(b -> b.bucket("bench").prefix("big-broken")).contents()).isEmpty();
        assertThat(s3.listMultipartUploads(b -> b.bucket("bench")).uploads()).as("no upload left pending").isEmpty();
    }

    @Test
    void aCopyWhoseSourceReadFailsIsRemoved() throws IOException {
        URI from = URI.create("s3://bench/fail-src");
        store.write(from, "obj", new Generated(100_000, 12, Long.MAX_VALUE), 100_000, "STANDARD", Encryption.NONE);

        assertThatThrownBy(() -> store.copyWithin(from, URI.create("s3://bench/fail-dst"), "obj",
                new Generated(100_000, 12, 50_000), 100_000, "STANDARD", Encryption.NONE))
                .isInstanceOf(IOException.class).hasMessageContaining("disk gone");
        assertThat(s3.listObjectsV2(b -> b.bucket("bench").prefix("fail-dst")).contents())
                .as("a copy of bytes nobody hashed is not left").isEmpty();
        assertThat(store.stat(from, "obj")).as("the source untouched").isPresent();
    }

    private static S3Store store(String endpoint, Map<String, String> more) {
        Map<String, String> config = S3ProxyServer.serviceSettings(endpoint, more);
        config.putIfAbsent("dim.s3.part-size-bytes", Long.toString(PART));
        return S3Backend.create(config::getOrDefault);
    }

    /** {@code size} pseudo-random bytes, generated as they are read; fails once {@code failAt} bytes
     *  have been read, as a source whose disk goes away. */
    private static final class Generated extends InputStream {
        private final Random random;
        private final long size;
        private final long failAt;
        private long position;

        Generated(long size, long seed, long failAt) {
            this.random = new Random(seed);
            this.size = size;
            this.failAt = failAt;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            if (position >= failAt) {
                throw new IOException("disk gone");
            }
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(len, Math.min(size, failAt) - position);
            byte[] chunk = new byte[n];
            random.nextBytes(chunk);
            System.arraycopy(chunk, 0, buffer, off, n);
            position += n;
            return n;
        }
    }
}
