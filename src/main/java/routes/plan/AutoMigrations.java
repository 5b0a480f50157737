package routes.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.catalog.Dataset;
import routes.catalog.Policy;
import routes.catalog.Tier;
import routes.classify.Recommendation;
import routes.classify.RecommendationRepository;
import routes.move.JobKind;
import routes.move.JobRepository;

/**
 * Auto mode: for the datasets whose policy says {@code auto}, the moves their recommendations call for,
 * as {@code POST /plan-migration} bodies, and the secondary replicas their policy's {@code min_redundancy}
 * still lacks, as {@code POST /datasets/{id}/replicas} bodies, so the planners check and key them as
 * they do a user's. A due move goes first (a move never lowers the replica count); one plan per
 * dataset and run, since a dataset has one job in flight at a time.
 * A move is due when placement, asked now (hysteresis included), still wants the recommended tier in
 * another store or class than the dataset's; it goes to {@code <store uri_prefix><tier>/<dataset name>}.
 * A move or replica already planned once (running, completed or failed: a failed one waits for a
 * retry) is not planned again. At most {@code maxPlansPerRun} per run, and none while {@code maxActiveJobs} jobs
 * (whoever planned them) are queued or running.
 */
public final class AutoMigrations {

    private static final Logger LOG = LoggerFactory.getLogger(AutoMigrations.class);

    /** {@code dim.auto.max-plans-per-run} and {@code dim.auto.max-active-jobs}. */
    public record Limits(int maxPlansPerRun, int maxActiveJobs) {
        public Limits {
            if (maxPlansPerRun < 0 || maxActiveJobs < 0) {
                throw new IllegalArgumentException("dim.auto.max-plans-per-run and max-active-jobs must not be negative");
            }
        }
    }

    private final PlacementAdvisor advisor;
    private final RecommendationRepository recommendations;
    private final JobRepository jobs;
    private final ObjectMapper mapper;
    private final Limits limits;

    public AutoMigrations(PlacementAdvisor advisor, RecommendationRepository recommendations, JobRepository jobs,
                          ObjectMapper mapper, Limits limits) {
        this.advisor = advisor;
        this.recommendations = recommendations;
        this.jobs = jobs;
        this.mapper = mapper;
        this.limits = limits;
    }

    /** One plan: a move ({@code POST /plan-migration} body) or a replica ({@code POST /datasets/{id}/replicas} body). */
    public record Plan(JobKind kind, long datasetId, String body) {
        public boolean replicates() {
            return kind == JobKind.REPLICATE;
        }
    }

    /** The plans to make now. */
    public List<Plan> due() {
        long slots = Math.min(limits.maxPlansPerRun(), limits.maxActiveJobs() - jobs.countActive());
        if (slots <= 0) {
            return List.of();
        }
        Map<Long, Dataset> auto = new LinkedHashMap<>();
        Map<Long, Tier> wanted = new LinkedHashMap<>();
        for (PlacementAdvisor.Governed g : advisor.governed()) {
            if (g.policy() != null && g.policy().mode() == Policy.Mode.AUTO) {
                recommendations.latest(g.dataset().id()).map(Recommendation::tier).ifPresent(tier -> {
                    auto.put(g.dataset().id(), g.dataset());
                    wanted.put(g.dataset().id(), tier);
                });
            }
        }
        List<Plan> plans = new ArrayList<>();
        for (Map.Entry<Long, StorePlacement.Placed> e : advisor.placeAll(wanted).entrySet()) {
            StorePlacement.Placed p = e.getValue();
            Dataset d = auto.get(e.getKey());
            if (plans.size() >= slots || jobs.activeFor(d.id()).isPresent()) {
                continue;
            }
            move(p, d).or(() -> replica(p, d)).ifPresent(plans::add);
        }
        return plans;
    }

    private Optional<Plan> move(StorePlacement.Placed p, Dataset d) {
        if (!p.moves() || p.target() == null) {
            return Optional.empty();
        }
        String target = PlanChecks.defaultLocation(p.target().store(), p.tier(), d.name());
        if (jobs.findByKey(JobKey.of(d.id(), d.pathUri(), target, p.tier())).isPresent()) {
            return Optional.empty();
        }
        LOG.info("Auto mode: dataset {} to {} in store '{}' at {}", d.id(), p.tier().json(), p.targetStore(), target);
        ObjectNode body = mapper.createObjectNode().put("dataset_id", d.id()).put("storage_class", p.tier().json())
                .put("target_location", target);
        return Optional.of(new Plan(JobKind.MOVE, d.id(), body.toString()));
    }

    /** A secondary replica in the first store placement keeps one in that holds no copy of the dataset yet. */
    private Optional<Plan> replica(StorePlacement.Placed p, Dataset d) {
        Set<String> holding = advisor.storesWithCopies(d);
        for (Redundancy.Secondary s : p.secondaries()) {
            String target = PlanChecks.defaultLocation(s.store(), s.tier(), d.name());
            if (holding.contains(s.store().name())
                    || jobs.findByKey(JobKey.replica(d.id(), d.pathUri(), target, s.tier())).isPresent()) {
                continue;
            }
            LOG.info("Auto mode: a secondary replica of dataset {} in store '{}' at {}", d.id(), s.store().name(), target);
            ObjectNode body = mapper.createObjectNode().put("store", s.store().name()).put("storage_class", s.tier().json());
            return Optional.of(new Plan(JobKind.REPLICATE, d.id(), body.toString()));
        }
        return Optional.empty();
    }
}
