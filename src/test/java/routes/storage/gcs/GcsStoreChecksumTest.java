package routes.storage.gcs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import com.google.cloud.storage.Storage;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import org.junit.jupiter.api.Test;
import routes.storage.Encryption;
import routes.storage.Md5;
import routes.storage.StoredObject;

/** A write to GCS foretells the MD5 GCS keeps of the object (base64, as its listings give it). Google's
 *  in-memory Storage keeps no MD5, so a listing of it shows none and the verify step reads such objects
 *  back (StoresMatrixTest moves into it). */
class GcsStoreChecksumTest {

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
