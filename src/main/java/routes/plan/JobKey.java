package routes.plan;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import routes.catalog.Tier;
import routes.storage.HashingInputStream;

/** The deterministic identity of a move: the same dataset, from the same place, to the same place
 *  and class, always has the same key, so planning it twice yields one job. */
public final class JobKey {

    private JobKey() {
    }

    public static String of(long datasetId, String sourceUri, String targetUri, Tier storageClass) {
        String identity = datasetId + "\n" + sourceUri + "\n" + targetUri + "\n" + storageClass.json();
        return HexFormat.of().formatHex(HashingInputStream.sha256().digest(identity.getBytes(StandardCharsets.UTF_8)));
    }
}
