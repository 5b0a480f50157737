package routes.plan;

/**
 * The one place costs are computed, used alike by placement, the replay, its baselines and the
 * clairvoyant optimum, so their figures are comparable. A month is 30 days and a GB is 2^30 bytes
 * (how S3 and GCS bill). Migration is a read out of the source class (its retrieval fee and one
 * GET), a write into the target (one PUT) and egress per GB (0 between classes of one provider).
 * Leaving a class before its minimum storage duration bills the remaining days at its price.
 */
public final class CostModel {

    public static final double GB = 1024.0 * 1024 * 1024;
    public static final double DAYS_PER_MONTH = 30;

    /** What moving one GB from one class to another pays in egress. */
    public interface Egress {
        double perGb(StorageClass from, StorageClass to);
    }

    private final double egressPerGb;
    private final Egress egress;

    /** One egress price for every move (0 between the classes of one provider). */
    public CostModel(double egressPerGb) {
        this.egressPerGb = egressPerGb;
        this.egress = (from, to) -> egressPerGb;
    }

    /** Egress priced per move, e.g. the source store's egress when data leaves it, 0 within a store. */
    public CostModel(Egress egress) {
        this.egressPerGb = 0;
        this.egress = egress;
    }

    public double egressPerGb() {
        return egressPerGb;
    }

    /** Storing {@code sizeBytes} in {@code c} for {@code days} (fractions allowed). */
    public Cost storage(StorageClass c, long sizeBytes, double days) {
        return new Cost(c.billableGb(sizeBytes) * c.storagePerGbMonth() * days / DAYS_PER_MONTH, 0, 0, 0, 0);
    }

    /**
     * Storing in a self-tiering class for {@code days}, the object idle for {@code idleDays} now: it is
     * expected to be accessed every so often (every return for data that comes back after idle spells,
     * every read or write otherwise, never for data with no expected use), the next access that far away,
     * each access resetting its idle days; plus the monitoring fee.
     */
    public Cost selfTieringStorage(StorageClass c, long sizeBytes, Demand demand, int idleDays, double days) {
        double accessesPerMonth = demand.returnsPerMonth() > 0 ? demand.returnsPerMonth()
                : demand.readsPerMonth() + demand.writesPerMonth();
        double every = accessesPerMonth > 0 ? DAYS_PER_MONTH / accessesPerMonth : days;
        double first = Math.min(every, days);
        double priceDays = c.auto().meanStoragePerGbMonth(c, idleDays, first) * first
                + (days > first ? c.auto().meanStoragePerGbMonth(c, 0, every) * (days - first) : 0);
        return new Cost(c.billableGb(sizeBytes) * priceDays / DAYS_PER_MONTH
                + c.auto().monitoringPerObjectMonth() * days / DAYS_PER_MONTH, 0, 0, 0, 0);
    }

    /** One day of a self-tiering class for an object idle for {@code idleDays} (0 on a day it is accessed). */
    public Cost selfTieringDay(StorageClass c, long sizeBytes, int idleDays) {
        return new Cost(c.billableGb(sizeBytes) * c.auto().storagePerGbMonth(c, idleDays) / DAYS_PER_MONTH
                + c.auto().monitoringPerObjectMonth() / DAYS_PER_MONTH, 0, 0, 0, 0);
    }

    /** {@code reads} GETs returning {@code bytesRead} in total, and {@code writes} PUTs, served by {@code c}. */
    public Cost access(StorageClass c, double reads, double bytesRead, double writes) {
        return new Cost(0, bytesRead / GB * c.retrievalPerGb(),
                reads * c.getPer1k() / 1000 + writes * c.putPer1k() / 1000, 0, 0);
    }

    /** Moving a dataset from {@code from} (where it has been for {@code residentDays}) to {@code to}. */
    public Cost migration(StorageClass from, StorageClass to, long sizeBytes, double residentDays) {
        double gb = sizeBytes / GB;
        double move = gb * from.retrievalPerGb() + from.getPer1k() / 1000 + to.putPer1k() / 1000
                + gb * egress.perGb(from, to);
        return new Cost(0, 0, 0, move, earlyDeletion(from, sizeBytes, residentDays));
    }

    /** The penalty for deleting from {@code c} after {@code residentDays}: the rest of its minimum duration. */
    public double earlyDeletion(StorageClass c, long sizeBytes, double residentDays) {
        double remaining = Math.max(0, c.minStorageDays() - residentDays);
        return c.billableGb(sizeBytes) * c.storagePerGbMonth() * remaining / DAYS_PER_MONTH;
    }

    /**
     * Expected cost of holding the dataset in {@code target} for the next {@code horizonDays}, starting
     * from {@code current}: storage + access at the expected demand + (if it moves) migration and the
     * source's early-deletion penalty. A move into a class whose minimum duration exceeds the horizon
     * is billed for that minimum, since leaving at the horizon's end would cost it anyway.
     */
    public Cost expected(StorageClass current, double residentDays, StorageClass target, long sizeBytes,
                         Demand demand, double horizonDays) {
        double months = horizonDays / DAYS_PER_MONTH;
        boolean moves = !target.name().equals(current.name());
        double billedDays = moves ? Math.max(horizonDays, target.minStorageDays()) : horizonDays;
        // an object already in a self-tiering class keeps the idle days it has counted there
        int idle = moves ? 0 : (int) Math.min(residentDays, demand.idleDays());
        Cost stored = target.selfTiering() ? selfTieringStorage(target, sizeBytes, demand, idle, horizonDays)
                : storage(target, sizeBytes, billedDays);
        Cost cost = stored
                .plus(access(target, demand.readsPerMonth() * months, demand.readBytesPerMonth() * months,
                        demand.writesPerMonth() * months));
        return moves ? cost.plus(migration(current, target, sizeBytes, residentDays)) : cost;
    }
}
