package routes.storage.gcs;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.storage.Storage;
import org.junit.jupiter.api.Test;
import routes.storage.Encryption;

/** Google's in-memory Storage ignores a write's KMS key, so the options a write hands the client are
 *  checked here: a CMEK store names its key on every write, other stores leave GCS its default. */
class GcsWriteOptionsTest {

    @Test
    void aCustomerManagedKeyIsNamedOnTheWrite() {
        String key = "projects/p/locations/eu/keyRings/r/cryptoKeys/k";
        assertThat(GcsStore.writeOptions(Encryption.parse("CMEK:" + key)))
                .containsExactly(Storage.BlobWriteOption.kmsKeyName(key));
        assertThat(GcsStore.writeOptions(Encryption.parse("GOOGLE-MANAGED"))).isEmpty();
        assertThat(GcsStore.writeOptions(Encryption.NONE)).isEmpty();
        assertThat(GcsStore.targetOptions(Encryption.parse("CMEK:" + key)))
                .as("a copy made by GCS names it too").containsExactly(Storage.BlobTargetOption.kmsKeyName(key));
        assertThat(GcsStore.targetOptions(Encryption.NONE)).isEmpty();
    }
}
