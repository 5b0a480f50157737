package routes.plan;

/**
 * What is known about a dataset's use at a decision time, from its past only: reads in the last 7
 * and 30 days, bytes read and writes in the last 30, whole days since the last access (read or
 * write), age in days, size, reads and bytes read since creation, and how often the dataset came back
 * after more than 14 days without access (periodic and bursty data do; decaying data does not), and the
 * reads and bytes read since it first came back (0 before that: a new release's first weeks of reads
 * are not a return's). The replay computes these per simulated day; the same record feeds
 * demand forecasts and the trained model.
 */
public record UsageFeatures(double readsLast7d, double readsLast30d, double readBytesLast30d, double writesLast30d,
                            double daysSinceLastAccess, double ageDays, long sizeBytes, double readsTotal,
                            double readBytesTotal, double returnsAfterIdle, double readsSinceReturn,
                            double readBytesSinceReturn) {
}
