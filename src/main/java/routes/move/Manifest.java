package routes.move;

import java.io.IOException;
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

    /** The dataset checksum of a job's manifest, read a page at a time in key order. */
    static String checksum(JobRepository jobs, long jobId, int pageSize) throws IOException {
        DatasetChecksum sum = new DatasetChecksum();
        jobs.forEachObject(jobId, false, pageSize, e -> sum.add(e.objectKey(), e.sha256()));
        // the database's order can differ from String order (a collation, characters beyond U+FFFF):
        // then the sum is taken the way that holds the whole manifest
        return sum.ordered() ? sum.value() : checksum(jobs.allObjects(jobId));
    }
}
