package routes.move;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import routes.catalog.Tier;

/** A planned or running job of one dataset: a move of its primary from the source to a target
 *  location, or a copy of it to a target in another store as a secondary replica ({@link JobKind}). */
public record MigrationJob(long id, String jobKey, long datasetId, String sourceUri, String targetUri,
                           Tier storageClass, JobKind kind, JobState state, int attempt, long bytesDone, long bytesTotal,
                           int objectsDone, int objectsTotal,
                           String checksumSha256, String error, boolean failureInjected,
                           Integer injectAfterObjects, Instant switchedAt,
                           Instant createdAt, Instant updatedAt, Instant startedAt, Instant finishedAt,
                           @JsonInclude(JsonInclude.Include.NON_NULL) List<JobEvent> events,
                           @JsonInclude(JsonInclude.Include.NON_NULL) List<ManifestEntry> objects) {

    public boolean switched() {
        return switchedAt != null;
    }

    /** True for a job that makes a secondary replica (its switch records the replica, nothing is deleted). */
    public boolean replicates() {
        return kind == JobKind.REPLICATE;
    }

    public MigrationJob withDetail(List<JobEvent> timeline, List<ManifestEntry> manifest) {
        return new MigrationJob(id, jobKey, datasetId, sourceUri, targetUri, storageClass, kind, state, attempt, bytesDone,
                bytesTotal, objectsDone, objectsTotal, checksumSha256, error, failureInjected, injectAfterObjects,
                switchedAt, createdAt, updatedAt, startedAt,
                finishedAt, timeline, manifest);
    }

    /** One entry of a job's timeline. */
    public record JobEvent(JobState state, long bytesDone, long bytesTotal, String message, Instant ts) {
    }

    /** One object of the job's manifest: copied with this hash, and verified at the destination or not;
     *  {@code storeChecksum}: what the target store should report for it (null: it keeps none). */
    public record ManifestEntry(String objectKey, long sizeBytes, String sha256, boolean verified,
                                @JsonInclude(JsonInclude.Include.NON_NULL) String storeChecksum) {
    }
}
