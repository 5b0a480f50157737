package routes.storage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** The checksum of a whole dataset: the object's own SHA-256 for a single object, otherwise the
 *  SHA-256 of its sorted "key SHA-256" lines, so any changed, missing or extra object changes it. */
public final class DatasetChecksum {

    private final MessageDigest digest = HashingInputStream.sha256();
    private String lastKey;
    private String onlySha;
    private long count;
    private boolean ordered = true;

    /** {@code digests}: object key ("" for a single object) to its hex SHA-256. */
    public static String of(Map<String, String> digests) {
        DatasetChecksum sum = new DatasetChecksum();
        new TreeMap<>(digests).forEach(sum::add);
        return sum.value();
    }

    /** Adds one object; objects must come in key order (String order), as {@link #ordered()} checks,
     *  so a dataset of any size is summed without holding its manifest. */
    public void add(String key, String sha256) {
        if (lastKey != null && key.compareTo(lastKey) <= 0) {
            ordered = false;
        }
        lastKey = key;
        onlySha = sha256;
        count++;
        digest.update((key + " " + sha256 + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** False when an object came out of key order: the value is then not the dataset's checksum. */
    public boolean ordered() {
        return ordered;
    }

    public String value() {
        if (count == 1 && lastKey.isEmpty()) {
            return onlySha;
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
