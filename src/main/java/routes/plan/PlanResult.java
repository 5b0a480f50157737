package routes.plan;

import routes.move.JobState;
import routes.move.MigrationJob;

/** A planned job, and whether this request created it. */
public record PlanResult(MigrationJob job, boolean created) {

    /** 202 for a new job, 200 for the one the same plan already made. */
    public int status() {
        return created ? 202 : 200;
    }

    /** A queued job is (re)published: its first publication may have been lost with the broker, and the
     *  mover's ledger runs each attempt once however often it is published. */
    public boolean publish() {
        return job.state() == JobState.QUEUED;
    }
}
