package routes.plan;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import routes.catalog.Tier;
import routes.storage.HashingInputStream;

/** The deterministic identity of a job: the same move (or replica) of a dataset, from the same place,
 *  to the same place and class, always has the same key, so planning it twice yields one job. */
public final class JobKey {

    private JobKey() {
    }

    public static String of(long datasetId, String sourceUri, String targetUri, Tier storageClass) {
        return hash(datasetId + "\n" + sourceUri + "\n" + targetUri + "\n" + storageClass.json());
    }

    /** A replica's key: never the key of the move between the same two places. */
    public static String replica(long datasetId, String sourceUri, String targetUri, Tier storageClass) {
        return hash(datasetId + "\n" + sourceUri + "\n" + targetUri + "\n" + storageClass.json() + "\nreplicate");
    }

    /** The key of the same move made again after the dataset came back to where that move started. */
    public static String again(String key, long completedJobId) {
        return hash(key + "\nafter " + completedJobId);
    }

    private static String hash(String identity) {
        return HexFormat.of().formatHex(HashingInputStream.sha256().digest(identity.getBytes(StandardCharsets.UTF_8)));
    }
}
