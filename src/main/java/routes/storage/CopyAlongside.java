package routes.storage;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A copy a store makes by itself (S3's CopyObject, a GCS rewrite) while the service reads the source
 * once, to hash it and to work out the checksum the store will keep of the copy: the two take as long
 * as the slower of them, not their sum. If the read fails, the copy, whose bytes nobody hashed, is
 * removed.
 */
public final class CopyAlongside {

    /** One call to a store. */
    @FunctionalInterface
    public interface StoreCall<T> {
        T run() throws IOException;
    }

    /** Removes the copy. */
    @FunctionalInterface
    public interface Removal {
        void run() throws IOException;
    }

    /** What the store answered to the copy, and what the read worked out. */
    public record Done<C, R>(C copy, R read) {
    }

    private static final ExecutorService COPIES = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "store-copy");
        t.setDaemon(true);
        return t;
    });

    private CopyAlongside() {
    }

    public static <C, R> Done<C, R> run(StoreCall<C> copy, StoreCall<R> read, Removal removeCopy)
            throws IOException {
        Future<C> copied = COPIES.submit(copy::run);
        R result;
        try {
            result = read.run();
        } catch (IOException | RuntimeException e) {
            try {
                copied.get();
                removeCopy.run();
            } catch (Exception ignored) {
                // the copy failed too, or its removal did: a retry overwrites it
            }
            throw e;
        }
        try {
            return new Done<>(copied.get(), result);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw Failures.asIoException(e.getCause());
        }
    }
}
