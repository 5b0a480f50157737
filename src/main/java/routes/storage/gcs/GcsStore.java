package routes.storage.gcs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.security.DigestInputStream;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import com.google.cloud.WriteChannel;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageClass;
import com.google.cloud.storage.StorageException;
import routes.storage.CopyAlongside;
import routes.storage.Encryption;
import routes.storage.Md5;
import routes.storage.ObjectKeys;
import routes.storage.ObjectStore;
import routes.storage.StoreRefused;
import routes.storage.StoredObject;

/** Google Cloud Storage through the google-cloud-storage client (the one Camel's google-storage
 *  component uses). Writes go through a resumable upload that commits on close, so an object
 *  appears whole or not at all. */
public final class GcsStore implements ObjectStore {

    /** How objects are written: upload chunk size, and the encryption of a store that registers none. */
    public record Options(int chunkSizeBytes, Encryption encryption) {
    }

    private final Supplier<Storage> client;
    private final Options options;

    /** {@code client} is asked for lazily: without GCS credentials the service still starts. */
    public GcsStore(Supplier<Storage> client, Options options) {
        this.client = client;
        this.options = options;
    }

    @Override
    public String scheme() {
        return "gs";
    }

    @Override
    public void validate(URI location) {
        ObjectKeys.of(location);
    }

    @Override
    public void list(URI location, Listing each) throws IOException {
        ObjectKeys at = ObjectKeys.of(location);
        call(at, () -> {
            Blob single = client.get().get(BlobId.of(at.bucket(), at.key()));
            if (single != null) {
                each.accept(new StoredObject("", single.getSize(), single.getMd5()));
                return null;
            }
            String prefix = at.prefix();
            // iterateAll fetches the next page only when this one is consumed
            for (Blob b : client.get().list(at.bucket(), Storage.BlobListOption.prefix(prefix)).iterateAll()) {
                if (!b.getName().endsWith("/")) {
                    each.accept(new StoredObject(b.getName().substring(prefix.length()), b.getSize(), b.getMd5()));
                }
            }
            return null;
        });
    }

    @Override
    public Optional<StoredObject> stat(URI location, String key) throws IOException {
        ObjectKeys at = ObjectKeys.of(location);
        Blob blob = call(at, () -> client.get().get(BlobId.of(at.bucket(), at.object(key))));
        return blob == null ? Optional.empty() : Optional.of(new StoredObject(key, blob.getSize(), blob.getMd5()));
    }

    @Override
    public InputStream openRead(URI location, String key) throws IOException {
        ObjectKeys at = ObjectKeys.of(location);
        return call(at, () -> Channels.newInputStream(client.get().reader(BlobId.of(at.bucket(), at.object(key)))));
    }

    /** GCS keeps the MD5 of every object it receives in one upload (base64, as its listings report it). */
    @Override
    public String write(URI location, String key, InputStream in, long size, String storageClass,
                        Encryption encryption)
            throws IOException {
        ObjectKeys at = ObjectKeys.of(location);
        BlobInfo info = BlobInfo.newBuilder(BlobId.of(at.bucket(), at.object(key)))
                .setStorageClass(StorageClass.valueOf(storageClass)).build();
        Storage.BlobWriteOption[] writeOptions = writeOptions(encryption.or(options.encryption()));
        DigestInputStream sent = new DigestInputStream(in, Md5.newDigest());
        call(at, () -> {
            WriteChannel writer = client.get().writer(info, writeOptions);
            writer.setChunkSize(options.chunkSizeBytes());
            OutputStream out = Channels.newOutputStream(writer);
            sent.transferTo(out);
            writer.close(); // the upload is committed only here: a failure before leaves no object
            return null;
        });
        return Base64.getEncoder().encodeToString(sent.getMessageDigest().digest());
    }

    /** A rewrite within GCS (also across buckets, into another class): the server copies the bytes while
     *  the service reads the source once, to hash it and to work out the MD5 GCS keeps of the copy. If
     *  the source changed in between, the MD5s differ and the verify step fails the copy. */
    @Override
    public String copyWithin(URI fromLocation, URI location, String key, InputStream source, long size,
                             String storageClass, Encryption encryption) throws IOException {
        ObjectKeys from = ObjectKeys.of(fromLocation);
        ObjectKeys at = ObjectKeys.of(location);
        Storage.CopyRequest copy = Storage.CopyRequest.newBuilder()
                .setSource(BlobId.of(from.bucket(), from.object(key)))
                .setTarget(BlobInfo.newBuilder(BlobId.of(at.bucket(), at.object(key)))
                        .setStorageClass(StorageClass.valueOf(storageClass)).build(),
                        targetOptions(encryption.or(options.encryption())))
                .build();
        CopyAlongside.Done<Blob, byte[]> done = CopyAlongside.run(
                () -> call(at, () -> client.get().copy(copy).getResult()), // a large rewrite takes several calls
                () -> Md5.of(source, size), () -> delete(location, key));
        return Base64.getEncoder().encodeToString(done.read());
    }

    /** A customer-managed key names itself on every write; Google-managed keys are GCS's default. */
    static Storage.BlobWriteOption[] writeOptions(Encryption encryption) {
        return encryption.kind() == Encryption.Kind.CMEK
                ? new Storage.BlobWriteOption[] {Storage.BlobWriteOption.kmsKeyName(encryption.key())}
                : new Storage.BlobWriteOption[0];
    }

    static Storage.BlobTargetOption[] targetOptions(Encryption encryption) {
        return encryption.kind() == Encryption.Kind.CMEK
                ? new Storage.BlobTargetOption[] {Storage.BlobTargetOption.kmsKeyName(encryption.key())}
                : new Storage.BlobTargetOption[0];
    }

    @Override
    public void delete(URI location, String key) throws IOException {
        ObjectKeys at = ObjectKeys.of(location);
        call(at, () -> client.get().delete(BlobId.of(at.bucket(), at.object(key))));
    }

    @Override
    public String health() {
        return "UP";
    }

    private static <T> T call(ObjectKeys at, GcsCall<T> call) throws IOException {
        try {
            return call.run();
        } catch (StorageException e) {
            if (e.getCode() == 404) {
                throw new StoreRefused("bucket '" + at.bucket() + "' or object '" + at.key() + "' does not exist", e);
            }
            if (e.getCode() == 401 || e.getCode() == 403) {
                throw new StoreRefused("access to gs://" + at.bucket() + " denied: " + e.getMessage(), e);
            }
            throw new IOException("GCS " + e.getCode() + ": " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            // the client could not be built: no project or credentials
            throw new StoreRefused("GCS is not configured: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface GcsCall<T> {
        T run() throws IOException;
    }
}
