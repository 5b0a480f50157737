package routes.move;

import java.time.Clock;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The end of a job whose retries ran out: the unswitched copy is discarded (the source stays
 *  primary and untouched), the job is marked failed with the error, and a dead letter is built. */
public final class JobFailures {

    private static final Logger LOG = LoggerFactory.getLogger(JobFailures.class);

    private final JobRepository jobs;
    private final JobStates states;
    private final Discard discard;
    private final Clock clock;

    public JobFailures(JobRepository jobs, JobStates states, Discard discard, Clock clock) {
        this.jobs = jobs;
        this.states = states;
        this.discard = discard;
        this.clock = clock;
    }

    public DeadLetter fail(@Body Object body, @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable cause,
                           @ExchangeProperty(AttemptCounter.ATTEMPTS) Integer attemptsMade) {
        String error = cause == null ? "unknown error" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        int attempts = attemptsMade == null ? 1 : attemptsMade;
        Long jobId = body instanceof MigrationJob j ? Long.valueOf(j.id())
                : body instanceof JobMessage m ? Long.valueOf(m.jobId()) : null;
        MigrationJob job = jobId == null ? null : jobs.find(jobId).orElse(null);
        if (job != null && !job.state().terminal()) {
            try {
                discard.destination(job);
            } catch (Exception e) {
                LOG.warn("Job {}: could not discard the copy at {}: {}", job.id(), job.targetUri(), e.toString());
            }
            job = states.fail(job, error);
        }
        return new DeadLetter(job, attempts, error, cause == null ? null : cause.getClass().getName(),
                clock.instant());
    }
}
