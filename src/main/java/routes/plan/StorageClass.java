package routes.plan;

import routes.catalog.Tier;

/**
 * One storage class of a provider with its list prices: what a GB-month, a GB read back, and a
 * thousand PUT/GET requests cost, the minimum storage duration (leaving earlier bills the rest of
 * it), the minimum billable object size, and how fast the first byte comes back.
 */
public record StorageClass(String name, Tier tier, double storagePerGbMonth, double retrievalPerGb,
                           double putPer1k, double getPer1k, int minStorageDays, long minBillableBytes,
                           double firstByteMs) {

    public StorageClass {
        if (storagePerGbMonth < 0 || retrievalPerGb < 0 || putPer1k < 0 || getPer1k < 0 || minStorageDays < 0
                || minBillableBytes < 0 || firstByteMs < 0) {
            throw new IllegalArgumentException("prices, durations and latencies of " + name + " must not be negative");
        }
    }

    /** GB billed for an object of this size: small objects are billed as the minimum billable size. */
    public double billableGb(long sizeBytes) {
        return Math.max(sizeBytes, sizeBytes > 0 ? minBillableBytes : 0) / CostModel.GB;
    }
}
