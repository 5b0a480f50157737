package routes.storage.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import org.junit.jupiter.api.Test;
import routes.storage.Encryption;
import routes.storage.HashingInputStream;
import routes.storage.Md5;
import routes.storage.StoredObject;

/** A write to GCS foretells the MD5 GCS keeps of the object (base64, as its listings give it). Google's
 *  in-memory Storage keeps no MD5, so a listing of it shows none and the verify step reads such objects
 *  back (StoresMatrixTest moves into it). */
class GcsStoreChecksumTest {

    @Test
    void aCopyWithinGcsIsMadeByGcsAndForetoldFromTheBytesRead() throws IOException {
        Storage storage = LocalStorageHelper.getOptions().getService();
        List<String> calls = new ArrayList<>();
        Storage counted = (Storage) Proxy.newProxyInstance(Storage.class.getClassLoader(),
                new Class<?>[] {Storage.class}, (self, method, args) -> {
                    calls.add(method.getName());
                    try {
                        return method.invoke(storage, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        GcsStore store = new GcsStore(() -> counted, new GcsStore.Options(256 * 1024, Encryption.NONE));
        byte[] bytes = new byte[900_000];
        new Random(4).nextBytes(bytes);
        storage.create(BlobInfo.newBuilder("dim", "from/x").build(), bytes);
        HashingInputStream read = new HashingInputStream(store.openRead(URI.create("gs://dim/from"), "x"));

        String foretold = store.copyWithin(URI.create("gs://dim/from"), URI.create("gs://other/to"), "x", read,
                bytes.length, "COLDLINE", Encryption.NONE);

        assertThat(calls).as("copied by GCS, no bytes sent back").contains("copy").doesNotContain("writer", "create");
        assertThat(read.count()).as("the source read once, to hash it").isEqualTo(bytes.length);
        assertThat(foretold).isEqualTo(Base64.getEncoder().encodeToString(Md5.of(bytes)));
        com.google.cloud.storage.Blob copy = storage.get("other", "to/x");
        assertThat(copy.getContent()).isEqualTo(bytes);
        assertThat(copy.getStorageClass().name()).isEqualTo("COLDLINE");
    }

    @Test
    void aCopyWhoseSourceReadFailsIsRemoved() {
        Storage storage = LocalStorageHelper.getOptions().getService();
        GcsStore store = new GcsStore(() -> storage, new GcsStore.Options(256 * 1024, Encryption.NONE));
        byte[] bytes = new byte[300_000];
        storage.create(BlobInfo.newBuilder("dim", "from/y").build(), bytes);
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("source disk gone");
            }
        };

        assertThatThrownBy(() -> store.copyWithin(URI.create("gs://dim/from"),
                URI.create("gs://other/to"), "y", failing, bytes.length, "STANDARD", Encryption.NONE))
                .hasMessageContaining("source disk gone");
        assertThat(storage.get("other", "to/y")).as("a copy of bytes nobody hashed is not left").isNull();
        assertThat(storage.get("dim", "from/y")).as("the source untouched").isNotNull();
    }

    @Test
    void aWriteForetellsTheMd5GcsKeeps() throws IOException {
        Storage storage = LocalStorageHelper.getOptions().getService();
        GcsStore store = new GcsStore(() -> storage, new GcsStore.Options(256 * 1024, Encryption.NONE));
        byte[] bytes = new byte[700_000];
        new Random(3).nextBytes(bytes);

        String foretold = store.write(URI.create("gs://dim/ds"), "a/b", new ByteArrayInputStream(bytes), bytes.length,
                "STANDARD", Encryption.NONE);

        assertThat(foretold).isEqualTo(Base64.getEncoder().encodeToString(Md5.of(bytes)));
        List<StoredObject> listed = new ArrayList<>();
        store.list(URI.create("gs://dim/ds"), listed::add);
        assertThat(listed).containsExactly(new StoredObject("a/b", bytes.length, null));
    }
}
