package routes.classify;

import java.time.Instant;

/** One aggregation window of a dataset's accesses, as the ingest route wrote it. */
public record ActivityWindow(Instant windowStart, long windowMs, long readCount, long writeCount, long readBytes,
                             long writeBytes, Double latencyAvgMs, double latencyMaxMs, Instant firstTs,
                             Instant lastTs) {
}
