package routes.storage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** The checksum of a whole dataset: the object's own SHA-256 for a single object, otherwise the
 *  SHA-256 of its sorted "key SHA-256" lines, so any changed, missing or extra object changes it. */
public final class DatasetChecksum {

    private DatasetChecksum() {
    }

    /** {@code digests}: object key ("" for a single object) to its hex SHA-256. */
    public static String of(Map<String, String> digests) {
        if (digests.size() == 1 && digests.containsKey("")) {
            return digests.get("");
        }
        MessageDigest digest = HashingInputStream.sha256();
        new TreeMap<>(digests).forEach((key, sha) ->
                digest.update((key + " " + sha + "\n").getBytes(StandardCharsets.UTF_8)));
        return HexFormat.of().formatHex(digest.digest());
    }
}
