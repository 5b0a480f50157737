package routes.move;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import routes.storage.Failures;

/**
 * Runs one piece of I/O per item with at most {@code parallelism} at a time, fed item by item: a
 * producer (a listing, a manifest page) is held back while {@code 2 x parallelism} items are waiting
 * or running, so memory does not grow with the number of items. Fails with the first failure; items
 * not yet started are then skipped.
 */
final class Parallel<T> implements AutoCloseable {

    @FunctionalInterface
    interface IoWork<T> {
        void run(T item) throws IOException;
    }

    private final IoWork<T> work;
    private final int slots;
    private final Semaphore free;
    private final ExecutorService pool;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean closed;

    Parallel(int parallelism, IoWork<T> work) {
        this.work = work;
        int threads = Math.max(1, parallelism);
        this.slots = 2 * threads;
        this.free = new Semaphore(slots);
        this.pool = Executors.newFixedThreadPool(threads);
    }

    /** Queues one item, waiting for a free slot; throws the first failure seen so far. */
    void submit(T item) throws IOException {
        rethrow();
        acquire(1);
        pool.execute(() -> {
            try {
                if (failure.get() == null && !closed) {
                    work.run(item);
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            } finally {
                free.release();
            }
        });
    }

    /** Waits for every queued item, then throws the first failure, if any. */
    void finish() throws IOException {
        acquire(slots);
        free.release(slots);
        rethrow();
    }

    /** Stops: items not started are skipped, running ones are interrupted and awaited a little, so
     *  a failed step does not keep writing behind its caller's back. */
    @Override
    public void close() {
        closed = true;
        pool.shutdownNow();
        try {
            pool.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acquire(int permits) throws IOException {
        try {
            free.acquire(permits);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private void rethrow() throws IOException {
        Throwable cause = failure.get();
        if (cause instanceof Error err) {
            throw err;
        }
        if (cause != null) {
            throw Failures.asIoException(cause);
        }
    }
}
