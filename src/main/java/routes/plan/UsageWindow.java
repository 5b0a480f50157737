package routes.plan;

import routes.plan.sim.DatasetHistory;

/** Rolling 7- and 30-day sums of the days before a decision day, and lifetime counts: how the
 *  {@link UsageFeatures} of a dataset are computed, alike in the replay and for the trained model. */
public final class UsageWindow {
    /** Days without access after which an access counts as a return (a monthly report's idle weeks do). */
    static final int RETURN_GAP_DAYS = 14;
    private final int[] reads = new int[30];
    private final long[] bytes = new long[30];
    private final int[] writes = new int[30];
    private double reads7;
    private double reads30;
    private double bytes30;
    private double writes30;
    private int lastAccess = -1;
    private double readsTotal;
    private double bytesTotal;
    private int returns;
    private double readsSinceReturn;
    private double bytesSinceReturn;

    /** Adds day {@code d}, dropping day d-30 (and d-7 from the 7-day sum). */
    public void add(DatasetHistory.Days days, int d) {
        int slot = d % 30;
        reads30 += days.reads()[d] - reads[slot];
        bytes30 += days.readBytes()[d] - bytes[slot];
        writes30 += days.writes()[d] - writes[slot];
        reads[slot] = days.reads()[d];
        bytes[slot] = days.readBytes()[d];
        writes[slot] = days.writes()[d];
        reads7 += days.reads()[d];
        if (d >= 7) {
            reads7 -= days.reads()[d - 7];
        }
        readsTotal += days.reads()[d];
        bytesTotal += days.readBytes()[d];
        if (days.reads()[d] > 0 || days.writes()[d] > 0) {
            if (lastAccess >= 0 && d - lastAccess > RETURN_GAP_DAYS) {
                returns++;
            }
            lastAccess = d;
        }
        if (returns > 0) {
            readsSinceReturn += days.reads()[d];
            bytesSinceReturn += days.readBytes()[d];
        }
    }

    public UsageFeatures features(int today, long size) {
        return new UsageFeatures(reads7, reads30, bytes30, writes30,
                lastAccess < 0 ? today : today - 1 - lastAccess, today, size, readsTotal, bytesTotal, returns,
                readsSinceReturn, bytesSinceReturn);
    }
}
