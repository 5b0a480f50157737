package routes.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.catalog.Dataset;
import routes.catalog.Policy;
import routes.catalog.Tier;
import routes.classify.Recommendation;
import routes.classify.RecommendationRepository;
import routes.move.JobRepository;

/**
 * Auto mode: for the datasets whose policy says {@code auto}, the moves their recommendations call for,
 * as {@code POST /plan-migration} bodies, so the planner checks and keys them as it does a user's.
 * A move is due when placement, asked now (hysteresis included), still wants the recommended tier in
 * another store or class than the dataset's; it goes to {@code <store uri_prefix><tier>/<dataset name>}.
 * A move already planned once (running, completed or failed: a failed one waits for a retry) is not
 * planned again. At most {@code maxPlansPerRun} per run, and none while {@code maxActiveJobs} jobs
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

    /** The plans to make now, each a {@code POST /plan-migration} body. */
    public List<String> due() {
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
        List<String> plans = new ArrayList<>();
        for (Map.Entry<Long, StorePlacement.Placed> e : advisor.placeAll(wanted).entrySet()) {
            StorePlacement.Placed p = e.getValue();
            Dataset d = auto.get(e.getKey());
            if (plans.size() >= slots || !p.moves() || p.target() == null || jobs.activeFor(d.id()).isPresent()) {
                continue;
            }
            String target = target(p, d);
            if (jobs.findByKey(JobKey.of(d.id(), d.pathUri(), target, p.tier())).isPresent()) {
                continue;
            }
            LOG.info("Auto mode: dataset {} to {} in store '{}' at {}", d.id(), p.tier().json(), p.targetStore(), target);
            ObjectNode body = mapper.createObjectNode().put("dataset_id", d.id()).put("storage_class", p.tier().json())
                    .put("target_location", target);
            plans.add(body.toString());
        }
        return plans;
    }

    /** {@code <store uri_prefix><tier>/<dataset name>}: one directory or prefix per tier in each store. */
    static String target(StorePlacement.Placed p, Dataset d) {
        String prefix = p.target().store().uriPrefix();
        return (prefix.endsWith("/") ? prefix : prefix + "/") + p.tier().json() + "/" + d.name();
    }
}
