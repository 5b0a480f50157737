package routes.plan;

import routes.catalog.Tier;

/**
 * One storage class of a provider with its list prices: what a GB-month, a GB read back, and a
 * thousand PUT/GET requests cost, the minimum storage duration (leaving earlier bills the rest of
 * it), the minimum billable object size, and how fast the first byte comes back. A self-tiering class
 * ({@code auto} not null) stores idle objects at lower prices by itself.
 */
public record StorageClass(String name, Tier tier, double storagePerGbMonth, double retrievalPerGb,
                           double putPer1k, double getPer1k, int minStorageDays, long minBillableBytes,
                           double firstByteMs, AutoTiering auto) {

    public StorageClass(String name, Tier tier, double storagePerGbMonth, double retrievalPerGb, double putPer1k,
                        double getPer1k, int minStorageDays, long minBillableBytes, double firstByteMs) {
        this(name, tier, storagePerGbMonth, retrievalPerGb, putPer1k, getPer1k, minStorageDays, minBillableBytes,
                firstByteMs, null);
    }

    public StorageClass {
        if (storagePerGbMonth < 0 || retrievalPerGb < 0 || putPer1k < 0 || getPer1k < 0 || minStorageDays < 0
                || minBillableBytes < 0 || firstByteMs < 0) {
            throw new IllegalArgumentException("prices, durations and latencies of " + name + " must not be negative");
        }
    }

    public boolean selfTiering() {
        return auto != null;
    }

    /** The first-byte latency a read may meet: a self-tiering class serves an idle object more slowly. */
    public double slowestFirstByteMs() {
        double ms = firstByteMs;
        if (auto != null) {
            for (AutoTiering.Step s : auto.steps()) {
                ms = Math.max(ms, s.firstByteMs());
            }
        }
        return ms;
    }

    /** GB billed for an object of this size: small objects are billed as the minimum billable size. */
    public double billableGb(long sizeBytes) {
        return Math.max(sizeBytes, sizeBytes > 0 ? minBillableBytes : 0) / CostModel.GB;
    }
}
