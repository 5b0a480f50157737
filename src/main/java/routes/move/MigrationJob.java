package routes.move;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import routes.catalog.Tier;

/** A planned or running move of one dataset from its source to a target location. */
public record MigrationJob(long id, String jobKey, long datasetId, String sourceUri, String targetUri,
                           Tier storageClass, JobState state, int attempt, long bytesDone, long bytesTotal,
                           int objectsDone, int objectsTotal,
                           String checksumSha256, String error, boolean failureInjected,
                           Integer injectAfterObjects, Instant switchedAt,
                           Instant createdAt, Instant updatedAt, Instant startedAt, Instant finishedAt,
                           @JsonInclude(JsonInclude.Include.NON_NULL) List<JobEvent> events,
                           @JsonInclude(JsonInclude.Include.NON_NULL) List<ManifestEntry> objects) {

    public boolean switched() {
        return switchedAt != null;
    }

    public MigrationJob withDetail(List<JobEvent> timeline, List<ManifestEntry> manifest) {
        return new MigrationJob(id, jobKey, datasetId, sourceUri, targetUri, storageClass, state, attempt, bytesDone,
                bytesTotal, objectsDone, objectsTotal, checksumSha256, error, failureInjected, injectAfterObjects,
                switchedAt, createdAt, updatedAt, startedAt,
                finishedAt, timeline, manifest);
    }

    /** One entry of a job's timeline. */
    public record JobEvent(JobState state, long bytesDone, long bytesTotal, String message, Instant ts) {
    }

    /** One object of the job's manifest: copied with this hash, and verified at the destination or not. */
    public record ManifestEntry(String objectKey, long sizeBytes, String sha256, boolean verified) {
    }
}
