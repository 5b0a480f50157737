package routes.plan;

/**
 * Expected use of a dataset per 30-day month: reads, bytes read, writes, and how often it comes back
 * after an idle spell (0 for data whose reads are spread out or gone; such returns are what a read on
 * cold data brings back up, see {@link Placement#promotion}).
 */
public record Demand(double readsPerMonth, double readBytesPerMonth, double writesPerMonth, double returnsPerMonth) {

    public static final Demand NONE = new Demand(0, 0, 0);

    public Demand(double readsPerMonth, double readBytesPerMonth, double writesPerMonth) {
        this(readsPerMonth, readBytesPerMonth, writesPerMonth, 0);
    }
}
