package routes.storage.gcs;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import com.google.common.base.Suppliers;
import routes.storage.Encryption;
import routes.storage.StoreConfig;

/** Builds the GCS store from {@code dim.gcs.*}: credentials from a key file or, by default, the
 *  application default credentials ({@code GOOGLE_APPLICATION_CREDENTIALS}). The client is built
 *  on first use, so a service without GCS starts fine. */
public final class GcsBackend {

    private GcsBackend() {
    }

    /** {@code given}: a Storage client to use instead of building one (tests bind Google's in-memory one). */
    public static GcsStore create(StoreConfig config, Storage given) {
        Supplier<Storage> client = given != null ? () -> given : Suppliers.memoize(() -> build(config));
        return new GcsStore(client, new GcsStore.Options(
                (int) config.getLong("dim.gcs.chunk-size-bytes", 8L << 20), defaultEncryption(config)));
    }

    /** What a write asks for when its store registers no encryption: {@code dim.gcs.kms-key-name}. */
    private static Encryption defaultEncryption(StoreConfig config) {
        String key = config.get("dim.gcs.kms-key-name", "");
        return key.isBlank() ? Encryption.NONE : Encryption.parse("CMEK:" + key.trim());
    }

    private static Storage build(StoreConfig config) {
        StorageOptions.Builder options = StorageOptions.newBuilder();
        String project = config.get("dim.gcs.project-id", "");
        if (!project.isBlank()) {
            options.setProjectId(project);
        }
        String keyFile = config.get("dim.gcs.credentials-file", "");
        try {
            if (!keyFile.isBlank()) {
                try (InputStream in = new FileInputStream(keyFile)) {
                    options.setCredentials(GoogleCredentials.fromStream(in));
                }
            }
            return options.build().getService();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read GCS credentials " + keyFile, e);
        }
    }
}
