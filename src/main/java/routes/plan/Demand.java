package routes.plan;

/** Expected use of a dataset per 30-day month: reads, bytes read, writes. */
public record Demand(double readsPerMonth, double readBytesPerMonth, double writesPerMonth) {

    public static final Demand NONE = new Demand(0, 0, 0);
}
