package routes.move;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import routes.storage.ObjectStore;
import routes.storage.StoredObject;

/**
 * The objects at a move's source, listed once: counted for the progress totals, and kept in a
 * temporary file from which the copy reads them back in the listing's order. Listing the store a
 * second time would cost another request per 1,000 keys (S3Proxy: about 2 s of its CPU per 10,000
 * objects); holding the listing in memory would grow with the number of objects.
 */
final class SourceListing implements AutoCloseable {

    private final FileChannel file;
    private final long objects;
    private final long bytes;

    private SourceListing(FileChannel file, long objects, long bytes) {
        this.file = file;
        this.objects = objects;
        this.bytes = bytes;
    }

    /** Lists {@code location} into a file under {@code directory}. */
    static SourceListing of(ObjectStore store, URI location, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path path = Files.createTempFile(directory, "source-", ".listing");
        // on POSIX systems the JDK unlinks such a file as soon as it is open: a crash leaves nothing behind
        FileChannel file = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.DELETE_ON_CLOSE);
        try {
            long[] totals = new long[2];
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(file), 1 << 16));
            store.list(location, object -> {
                out.writeUTF(object.key());
                out.writeLong(object.sizeBytes());
                out.writeBoolean(object.checksum() != null);
                if (object.checksum() != null) {
                    out.writeUTF(object.checksum());
                }
                totals[0]++;
                totals[1] += object.sizeBytes();
            });
            out.flush();
            return new SourceListing(file, totals[0], totals[1]);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    long objects() {
        return objects;
    }

    long bytes() {
        return bytes;
    }

    /** Hands the listed objects to {@code each}, in the order the store listed them. */
    void forEach(ObjectStore.Listing each) throws IOException {
        file.position(0);
        DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(file), 1 << 16));
        for (long i = 0; i < objects; i++) {
            String key = in.readUTF();
            long size = in.readLong();
            each.accept(new StoredObject(key, size, in.readBoolean() ? in.readUTF() : null));
        }
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
