package routes.move;

import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds the jobs a previous run took and never finished (it crashed or was killed), so the
 *  recovery route can resume them: their Kafka record is in the ledger and will not come again.
 *  Only jobs taken before this process started count, so a job the live mover has just taken is
 *  never run twice. */
public final class JobRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(JobRecovery.class);

    private final JobRepository jobs;
    private final String ledgerName;
    private final Instant startedAt;

    /** {@code startedAt}: when this process started; jobs it took since are its own, not orphans. */
    public JobRecovery(JobRepository jobs, String ledgerName, Instant startedAt) {
        this.jobs = jobs;
        this.ledgerName = ledgerName;
        this.startedAt = startedAt;
    }

    public List<MigrationJob> orphans() {
        List<MigrationJob> orphans = jobs.orphans(ledgerName, startedAt);
        if (!orphans.isEmpty()) {
            LOG.info("Resuming {} unfinished job(s): {}", orphans.size(),
                    orphans.stream().map(MigrationJob::id).toList());
        }
        return orphans;
    }
}
