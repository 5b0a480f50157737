package routes.move;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Moves a job from state to state: persists the state, publishes the transition, and fails the
 *  step when a failure was injected for the job. */
public final class JobStates {

    private static final Logger LOG = LoggerFactory.getLogger(JobStates.class);

    private final JobRepository jobs;
    private final StatusPublisher status;
    private final MoveMetrics metrics;
    private final StepGate gate;
    private final Clock clock;
    private final String owner;
    private final Consumer<MigrationJob> transitions;

    /** {@code owner}: this instance, the holder of the leases of the jobs it runs. */
    public JobStates(JobRepository jobs, StatusPublisher status, MoveMetrics metrics, StepGate gate, Clock clock,
                     String owner) {
        this(jobs, status, metrics, gate, clock, owner, job -> { });
    }

    /** {@code transitions} hears every transition after it is stored (the audit log). */
    public JobStates(JobRepository jobs, StatusPublisher status, MoveMetrics metrics, StepGate gate, Clock clock,
                     String owner, Consumer<MigrationJob> transitions) {
        this.transitions = transitions;
        this.jobs = jobs;
        this.owner = owner;
        this.status = status;
        this.metrics = metrics;
        this.gate = gate;
        this.clock = clock;
    }

    /** The job a {@code migration_jobs} record names, or null when the record is stale (another
     *  attempt, or the job already ended), so the route drops it. */
    public MigrationJob load(JobMessage message) {
        MigrationJob job = jobs.find(message.jobId()).orElse(null);
        if (job == null || job.attempt() != message.attempt() || job.state().terminal()) {
            LOG.info("Dropping stale job record {}", message);
            return null;
        }
        return job;
    }

    /** Announces a job that was just queued (planned or retried). */
    public MigrationJob queued(MigrationJob job) {
        return announce(job);
    }

    public MigrationJob enter(MigrationJob job, String stateName) {
        JobState next = JobState.of(stateName);
        gate.pass(next.json());
        MigrationJob current = jobs.find(job.id()).orElseThrow();
        if (current.failureInjected()) {
            throw new InjectedFailure("failure injected before " + next.json());
        }
        if (!current.state().canMoveTo(next)) {
            throw new PermanentFailure("job " + job.id() + " cannot go from " + current.state().json()
                    + " to " + next.json());
        }
        if (!jobs.enter(job.id(), next, owner)) {
            throw new LeaseLost(job.id(), next.json());
        }
        return announce(jobs.find(job.id()).orElseThrow());
    }

    public MigrationJob complete(MigrationJob job) {
        if (!jobs.finish(job.id(), JobState.COMPLETED, null, owner)) {
            throw new LeaseLost(job.id(), JobState.COMPLETED.json());
        }
        MigrationJob done = jobs.find(job.id()).orElseThrow();
        if (done.startedAt() != null) {
            metrics.completed(done.bytesTotal(), Duration.between(done.startedAt(), clock.instant()));
        }
        LOG.info("Job {} completed: dataset {} {} {}", done.id(), done.datasetId(),
                done.replicates() ? "has a secondary replica at" : "now at", done.targetUri());
        return announce(done);
    }

    public MigrationJob fail(MigrationJob job, String error) {
        if (!jobs.finish(job.id(), JobState.FAILED, error, owner)) {
            throw new LeaseLost(job.id(), JobState.FAILED.json());
        }
        LOG.warn("Job {} failed: {}", job.id(), error);
        return announce(jobs.find(job.id()).orElseThrow());
    }

    private MigrationJob announce(MigrationJob job) {
        metrics.transition(job.state());
        transitions.accept(job);
        status.publish(job);
        return job;
    }
}
