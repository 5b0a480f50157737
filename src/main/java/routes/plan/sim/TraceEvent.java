package routes.plan.sim;

/** One access of a trace: when (epoch ms), which dataset, read or write, bytes moved, and the
 *  dataset's size after it (-1 when the line does not say). */
public record TraceEvent(long tsMillis, String datasetId, boolean read, long bytes, long sizeBytes) {
}
