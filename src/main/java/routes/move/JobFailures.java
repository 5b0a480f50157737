package routes.move;

import java.time.Clock;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/** The end of a job whose retries ran out: the job is marked failed with the error (the source stays
 *  primary and untouched) and a dead letter is built. Objects already verified at the target stay,
 *  so a retry resumes instead of starting over; a copy that failed verification was discarded then. */
public final class JobFailures {

    private final JobRepository jobs;
    private final JobStates states;
    private final DeadLetterRepository deadLetters;
    private final Clock clock;

    public JobFailures(JobRepository jobs, JobStates states, DeadLetterRepository deadLetters, Clock clock) {
        this.jobs = jobs;
        this.states = states;
        this.deadLetters = deadLetters;
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
            job = states.fail(job, error);
        }
        DeadLetter letter = new DeadLetter(job, attempts, error, cause == null ? null : cause.getClass().getName(),
                clock.instant());
        if (job != null && job.state() == JobState.FAILED) {
            deadLetters.record(letter);
        }
        return letter;
    }
}
