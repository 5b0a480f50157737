package routes.plan;

/**
 * Expected use of a dataset per 30-day month: reads, bytes read, writes, and how often it comes back
 * after an idle spell (0 for data whose reads are spread out or gone; such returns are what a read on
 * cold data brings back up, see {@link Placement#promotion}); and the days it has gone without access
 * so far (a self-tiering class prices an object by them).
 */
public record Demand(double readsPerMonth, double readBytesPerMonth, double writesPerMonth, double returnsPerMonth,
                     double idleDays) {

    public static final Demand NONE = new Demand(0, 0, 0);

    public Demand(double readsPerMonth, double readBytesPerMonth, double writesPerMonth) {
        this(readsPerMonth, readBytesPerMonth, writesPerMonth, 0, 0);
    }

    /** The same expected use, known to have gone {@code days} without access. */
    public Demand idleFor(double days) {
        return new Demand(readsPerMonth, readBytesPerMonth, writesPerMonth, returnsPerMonth, days);
    }
}
