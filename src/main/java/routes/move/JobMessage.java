package routes.move;

/** The record on {@code migration_jobs}: which job, which attempt. The database holds the rest. */
public record JobMessage(long jobId, String jobKey, long datasetId, int attempt) {

    public static JobMessage of(MigrationJob job) {
        return new JobMessage(job.id(), job.jobKey(), job.datasetId(), job.attempt());
    }

    /** The idempotent consumer's key: a replay of an attempt is skipped, a retry is a new attempt. */
    public String ledgerKey() {
        return jobKey + "#" + attempt;
    }
}
