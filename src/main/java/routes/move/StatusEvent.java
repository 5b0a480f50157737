package routes.move;

import java.time.Instant;

/** One transition or progress tick of a job, as published on {@code migration_status} and streamed
 *  on {@code GET /events}. */
public record StatusEvent(long jobId, String jobKey, JobKind kind, long datasetId, JobState state, int attempt, long bytesDone,
                          long bytesTotal, int objectsDone, int objectsTotal, String targetUri, String error,
                          Instant ts) {

    public static StatusEvent of(MigrationJob job, Instant ts) {
        return new StatusEvent(job.id(), job.jobKey(), job.kind(), job.datasetId(), job.state(), job.attempt(), job.bytesDone(),
                job.bytesTotal(), job.objectsDone(), job.objectsTotal(), job.targetUri(), job.error(), ts);
    }
}
