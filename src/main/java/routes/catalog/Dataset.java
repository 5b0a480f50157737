package routes.catalog;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A dataset: one object or a directory/prefix of many, at its current primary location. */
public record Dataset(long id, String name, String pathUri, long sizeBytes, Tier currentTier, Long policyId,
                      String checksumSha256, Instant lastAccessTs, Instant createdAt, Instant updatedAt,
                      @JsonInclude(JsonInclude.Include.NON_NULL) List<Replica> replicas) {

    public Dataset withReplicas(List<Replica> r) {
        return new Dataset(id, name, pathUri, sizeBytes, currentTier, policyId, checksumSha256, lastAccessTs,
                createdAt, updatedAt, r);
    }
}
