package routes.plan;

/**
 * Money, split the way a bill is: storage, retrieval fees, request fees, and migration (reading
 * out, writing in, egress) with the early-deletion penalty kept apart so it can be seen. All in USD.
 */
public record Cost(double storage, double retrieval, double requests, double migration, double earlyDeletion) {

    public static final Cost ZERO = new Cost(0, 0, 0, 0, 0);

    public double total() {
        return storage + retrieval + requests + migration + earlyDeletion;
    }

    /** This cost {@code n} times over. */
    public Cost times(double n) {
        return new Cost(storage * n, retrieval * n, requests * n, migration * n, earlyDeletion * n);
    }

    public Cost plus(Cost o) {
        return new Cost(storage + o.storage, retrieval + o.retrieval, requests + o.requests,
                migration + o.migration, earlyDeletion + o.earlyDeletion);
    }
}
