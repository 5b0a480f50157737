package routes.move;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which instance runs a job: the one holding its lease in {@code migration_jobs}. An instance leases a
 * job before its first step, renews the leases of the jobs it is running, and takes over the jobs
 * nobody runs any more (their owner died: its lease ran out, or it was this instance before a
 * restart). Every step's state change and the switch are conditional on the lease, so a stalled
 * instance that lost a job cannot switch it a second time.
 */
public final class JobLeases {

    private static final Logger LOG = LoggerFactory.getLogger(JobLeases.class);

    private final JobRepository jobs;
    private final String owner;
    private final Duration lease;
    private final String ledgerName;
    private final Clock clock;
    /** The jobs this process is running now; the ones whose leases it renews. */
    private final Set<Long> running = ConcurrentHashMap.newKeySet();

    public JobLeases(JobRepository jobs, String owner, Duration lease, String ledgerName, Clock clock) {
        this.jobs = jobs;
        this.owner = owner;
        this.lease = lease;
        this.ledgerName = ledgerName;
        this.clock = clock;
    }

    public String owner() {
        return owner;
    }

    /** The job, now leased to this instance until the exchange that runs it completes; null when
     *  another live instance holds it (or this one already runs it), so the route drops it. */
    public MigrationJob claim(MigrationJob job, Exchange exchange) {
        if (job == null) {
            return null;
        }
        if (!hold(job.id(), exchange)) {
            LOG.info("Job {} is leased to another instance; leaving it there", job.id());
            return null;
        }
        return job;
    }

    /** The jobs nobody runs any more, each now leased to this instance for the exchange's lifetime. */
    public List<MigrationJob> takeOver(Exchange exchange) {
        long now = clock.millis();
        List<MigrationJob> taken = new ArrayList<>();
        for (MigrationJob job : jobs.abandoned(owner, now, ledgerName, clock.instant().minus(lease))) {
            if (hold(job.id(), exchange)) {
                taken.add(jobs.find(job.id()).orElseThrow());
            }
        }
        if (!taken.isEmpty()) {
            LOG.info("Resuming {} unfinished job(s) nobody was running: {}", taken.size(),
                    taken.stream().map(MigrationJob::id).toList());
        }
        return taken;
    }

    /** Renews the leases of the jobs this process is running; a timer calls it well within a lease. */
    public void renew() {
        if (!running.isEmpty()) {
            jobs.renewLeases(owner, List.copyOf(running), clock.millis() + lease.toMillis());
        }
    }

    private boolean hold(long jobId, Exchange exchange) {
        if (!running.add(jobId)) {
            return false;
        }
        long now = clock.millis();
        if (!jobs.lease(jobId, owner, now, now + lease.toMillis())) {
            running.remove(jobId);
            return false;
        }
        if (clock.millis() - now > lease.toMillis() / 2) {
            // the UPDATE waited on a row lock (a dying holder's switch transaction): the lease it
            // wrote is nearly spent already
            jobs.renewLeases(owner, List.of(jobId), clock.millis() + lease.toMillis());
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                running.remove(jobId);
            }
        });
        return true;
    }
}
