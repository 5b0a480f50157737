package routes.infra;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.support.cluster.AbstractCamelClusterService;
import org.apache.camel.support.cluster.AbstractCamelClusterView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Camel's cluster service on the database every instance already shares, so {@code master:} routes
 * (closing windows, retraining) run on one instance at a time with no extra system to operate. The
 * leader of a namespace is the owner of its current row in {@code cluster_leases}; it renews the row
 * well within the lease, and when it dies another instance takes the row once it has expired.
 */
public final class DatabaseClusterService extends AbstractCamelClusterService<DatabaseClusterService.View> {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseClusterService.class);

    private final JdbcTemplate jdbc;
    private final Duration lease;
    private final Duration renewal;
    private final Clock clock;
    private ScheduledExecutorService scheduler;

    public DatabaseClusterService(String instanceId, JdbcTemplate jdbc, Duration lease, Duration renewal,
                                  Clock clock) {
        super(instanceId);
        this.jdbc = jdbc;
        this.lease = lease;
        this.renewal = renewal;
        this.clock = clock;
    }

    @Override
    protected void doStart() throws Exception {
        scheduler = getCamelContext().getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "cluster-leases");
        super.doStart();
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        getCamelContext().getExecutorServiceManager().shutdown(scheduler);
    }

    @Override
    protected View createView(String namespace) {
        return new View(namespace);
    }

    /** Takes or renews the namespace's lease: true when this instance holds it now. */
    boolean acquire(String namespace) {
        long now = clock.millis();
        long until = now + lease.toMillis();
        // one conditional statement each, so two instances racing for an expired row cannot both win
        if (jdbc.update("UPDATE cluster_leases SET owner = ?, expires_at = ? WHERE namespace = ? "
                + "AND (owner = ? OR expires_at < ?)", getId(), until, namespace, getId(), now) == 1) {
            return true;
        }
        return jdbc.update("INSERT INTO cluster_leases (namespace, owner, expires_at) VALUES (?, ?, ?) "
                + "ON CONFLICT (namespace) DO NOTHING", namespace, getId(), until) == 1;
    }

    void release(String namespace) {
        jdbc.update("DELETE FROM cluster_leases WHERE namespace = ? AND owner = ?", namespace, getId());
    }

    Optional<String> holder(String namespace) {
        return jdbc.queryForList("SELECT owner FROM cluster_leases WHERE namespace = ? AND expires_at >= ?",
                String.class, namespace, clock.millis()).stream().findFirst();
    }

    /** One namespace as this instance sees it. */
    public final class View extends AbstractCamelClusterView {

        private final Member local = new Member(getId(), true);
        private volatile boolean leader;
        private ScheduledFuture<?> ticks;

        View(String namespace) {
            super(DatabaseClusterService.this, namespace);
        }

        @Override
        protected void doStart() {
            ticks = scheduler.scheduleWithFixedDelay(this::tick, 0, renewal.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        protected void doStop() {
            ticks.cancel(false);
            if (leader) {
                leader = false;
                release(getNamespace());
                fireLeadershipChangedEvent(Optional.empty());
            }
        }

        private void tick() {
            boolean now;
            try {
                now = acquire(getNamespace());
            } catch (RuntimeException e) {
                // cannot renew: step down rather than risk two leaders
                LOG.warn("Cannot renew the lease of {}: {}", getNamespace(), e.getMessage());
                now = false;
            }
            if (now != leader) {
                leader = now;
                LOG.info("{} {} the leader of {}", getId(), now ? "is now" : "is no longer", getNamespace());
                fireLeadershipChangedEvent(now ? Optional.of(local) : Optional.empty());
            }
        }

        @Override
        public Optional<CamelClusterMember> getLeader() {
            if (leader) {
                return Optional.of(local);
            }
            return holder(getNamespace()).map(id -> new Member(id, false));
        }

        @Override
        public CamelClusterMember getLocalMember() {
            return local;
        }

        @Override
        public List<CamelClusterMember> getMembers() {
            return getLeader().filter(l -> !l.isLocal()).<List<CamelClusterMember>>map(l -> List.of(local, l))
                    .orElse(List.of(local));
        }

        private final class Member implements CamelClusterMember {
            private final String id;
            private final boolean isLocal;

            Member(String id, boolean isLocal) {
                this.id = id;
                this.isLocal = isLocal;
            }

            @Override
            public String getId() {
                return id;
            }

            @Override
            public boolean isLeader() {
                return isLocal ? leader : holder(getNamespace()).filter(id::equals).isPresent();
            }

            @Override
            public boolean isLocal() {
                return isLocal;
            }
        }
    }
}
