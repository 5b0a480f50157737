package routes.move;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import routes.storage.HashingInputStream;

/** The checksum of a whole dataset: the object's own SHA-256 for a single object, otherwise the
 *  SHA-256 of the sorted "key SHA-256" lines of its manifest. */
public final class Manifest {

    private Manifest() {
    }

    public static String checksum(List<MigrationJob.ManifestEntry> entries) {
        if (entries.size() == 1 && entries.get(0).objectKey().isEmpty()) {
            return entries.get(0).sha256();
        }
        MessageDigest digest = HashingInputStream.sha256();
        entries.stream().sorted((a, b) -> a.objectKey().compareTo(b.objectKey())).forEach(e ->
                digest.update((e.objectKey() + " " + e.sha256() + "\n").getBytes(StandardCharsets.UTF_8)));
        return HexFormat.of().formatHex(digest.digest());
    }

    public static long size(List<MigrationJob.ManifestEntry> entries) {
        return entries.stream().mapToLong(MigrationJob.ManifestEntry::sizeBytes).sum();
    }
}
