package routes.move;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.dao.DataIntegrityViolationException;
import routes.api.ApiException;
import routes.api.JsonBody;
import routes.api.Page;
import routes.api.PathParams;
import routes.catalog.Dataset;
import routes.catalog.DatasetRepository;

/** The REST routes' bean for /jobs: listing, detail, failure injection and retry. */
public final class JobService {

    /** Manifest rows GET /jobs/{id} shows, and the most one page of GET /jobs/{id}/objects holds. */
    public static final int MANIFEST_PAGE = 1000;

    /** GET /jobs/{id}: the job, its timeline, the first page of its manifest (the key to continue
     *  after, null when that was all of it), and its dead letters (one per failed attempt, with the
     *  time it was taken back by a retry). */
    public record JobDetail(@JsonUnwrapped MigrationJob job, String objectsNextAfter,
                            List<DeadLetterRepository.Entry> deadLetters) {
    }

    /** GET /jobs/{id}/objects: a page of the manifest in key order, and the key the next page starts
     *  after (null on the last page). A million-object manifest is read a page at a time. */
    public record ManifestPage(List<MigrationJob.ManifestEntry> items, long total, int limit, String nextAfter) {
    }

    /** A page of rows out of one row more than the page: the extra row says whether another page follows. */
    private record Slice(List<MigrationJob.ManifestEntry> items, String nextAfter) {
        static Slice of(List<MigrationJob.ManifestEntry> fetched, int limit) {
            return fetched.size() <= limit ? new Slice(fetched, null)
                    : new Slice(fetched.subList(0, limit), fetched.get(limit - 1).objectKey());
        }
    }

    private final JobRepository jobs;
    private final DeadLetterRepository deadLetters;
    private final DatasetRepository datasets;
    private final MoveMetrics metrics;
    private final ObjectMapper mapper;

    public JobService(JobRepository jobs, DeadLetterRepository deadLetters, DatasetRepository datasets,
                      MoveMetrics metrics, ObjectMapper mapper) {
        this.jobs = jobs;
        this.deadLetters = deadLetters;
        this.datasets = datasets;
        this.metrics = metrics;
        this.mapper = mapper;
    }

    public Page<MigrationJob> list(String state, String datasetId, String limit, String offset) {
        JobState s = null;
        if (state != null && !state.isBlank()) {
            try {
                s = JobState.of(state.trim());
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("state", "state must be one of queued, copying, verifying, switching, "
                        + "deleting, completed, failed");
            }
        }
        Long d = datasetId == null || datasetId.isBlank() ? null : PathParams.id(datasetId, "dataset_id");
        int l = PathParams.bounded(limit, "limit", 50, 1, 1000);
        int o = PathParams.bounded(offset, "offset", 0, 0, Integer.MAX_VALUE);
        return new Page<>(jobs.page(s, d, l, o), jobs.count(s, d), l, o);
    }

    public JobDetail get(String id) {
        MigrationJob job = existing(id);
        Slice first = Slice.of(jobs.objects(job.id(), null, MANIFEST_PAGE + 1), MANIFEST_PAGE);
        return new JobDetail(job.withDetail(jobs.events(job.id()), first.items()), first.nextAfter(),
                deadLetters.forJob(job.id()));
    }

    public ManifestPage objects(String id, String after, String limit) {
        MigrationJob job = existing(id);
        int l = PathParams.bounded(limit, "limit", MANIFEST_PAGE, 1, MANIFEST_PAGE);
        String from = after == null || after.isEmpty() ? null : after;
        Slice page = Slice.of(jobs.objects(job.id(), from, l + 1), l);
        return new ManifestPage(page.items(), jobs.countObjects(job.id()), l, page.nextAfter());
    }

    /** Makes the job's next step fail, and every redelivery of it, until the job is retried; with
     *  {@code {"after_objects": n}} the copy fails once n objects are at the target. */
    public MigrationJob injectFailure(String id, String body) {
        MigrationJob job = existing(id);
        Integer afterObjects = null;
        if (body != null && !body.isBlank()) {
            long n = JsonBody.object(mapper, body).allowOnly(Set.of("after_objects")).requiredNonNegative("after_objects");
            afterObjects = (int) Math.min(n, Integer.MAX_VALUE);
        }
        if (job.state().terminal()) {
            throw ApiException.conflict("id", "job " + job.id() + " is " + job.state().json()
                    + "; a failure can only be injected into an unfinished job");
        }
        jobs.injectFailure(job.id(), afterObjects);
        metrics.failureInjected();
        return jobs.find(job.id()).orElseThrow();
    }

    /** Takes a failed job back from the dead-letter queue: re-queues it as a new attempt (the route
     *  publishes it to migration_jobs again) and marks its dead letter taken back. */
    public MigrationJob retry(String id) {
        MigrationJob job = existing(id);
        if (job.state() != JobState.FAILED) {
            throw ApiException.conflict("id", "job " + job.id() + " is " + job.state().json()
                    + "; only a failed job can be retried");
        }
        String primary = datasets.find(job.datasetId()).map(Dataset::pathUri).orElse(null);
        if (!job.sourceUri().equals(primary)) {
            // its copy would start from where the data no longer is
            throw ApiException.conflict("id", "dataset " + job.datasetId() + " has moved since job " + job.id()
                    + " failed (it is now at " + primary + "); plan a new move instead");
        }
        try {
            if (!jobs.requeue(job.id())) {
                throw ApiException.conflict("id", "job " + job.id() + " changed state; try again");
            }
        } catch (DataIntegrityViolationException e) {
            throw ApiException.conflict("id", "dataset " + job.datasetId() + " has another migration in flight");
        }
        MigrationJob requeued = jobs.find(job.id()).orElseThrow();
        deadLetters.takeBack(job.id(), requeued.attempt());
        return requeued;
    }

    private MigrationJob existing(String rawId) {
        long id = PathParams.id(rawId, "id");
        return jobs.find(id).orElseThrow(() -> ApiException.notFound("id", "no job with id " + id));
    }
}
