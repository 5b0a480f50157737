package routes.move;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import routes.storage.DatasetChecksum;

/** Sums over a job's manifest. */
public final class Manifest {

    private Manifest() {
    }

    public static String checksum(List<MigrationJob.ManifestEntry> entries) {
        Map<String, String> digests = new LinkedHashMap<>();
        entries.forEach(e -> digests.put(e.objectKey(), e.sha256()));
        return DatasetChecksum.of(digests);
    }

    public static long size(List<MigrationJob.ManifestEntry> entries) {
        return entries.stream().mapToLong(MigrationJob.ManifestEntry::sizeBytes).sum();
    }
}
