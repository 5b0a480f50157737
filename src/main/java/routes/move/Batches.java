package routes.move;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Cuts a stream of items (a listing, a manifest) into lists of at most {@code size}, handed on as
 *  each fills: one SQL query or one batch request per list rather than one per item, and never more
 *  than one list in memory. */
final class Batches<T> {

    private final int size;
    private final Parallel.IoWork<List<T>> each;
    private final List<T> pending = new ArrayList<>();

    Batches(int size, Parallel.IoWork<List<T>> each) {
        this.size = Math.max(1, size);
        this.each = each;
    }

    void add(T item) throws IOException {
        pending.add(item);
        if (pending.size() >= size) {
            flush();
        }
    }

    /** Hands on what is left; call once the stream has ended. */
    void flush() throws IOException {
        if (!pending.isEmpty()) {
            List<T> batch = List.copyOf(pending);
            pending.clear();
            each.run(batch);
        }
    }
}
