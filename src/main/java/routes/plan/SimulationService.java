package routes.plan;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.Iterator;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import routes.api.ApiException;
import routes.api.JsonBody;
import routes.plan.sim.SimReport;
import routes.plan.sim.TraceEvent;
import routes.plan.sim.TraceFormatException;
import routes.plan.sim.TraceGenerator;
import routes.plan.sim.TraceReader;

/**
 * {@code POST /simulate}: replays a trace sent inline ({@code trace}: CSV or JSON lines) or a generated
 * one ({@code generate}: seed, datasets, days, mix) with the configured decision settings, each
 * overridable in the request. It reads nothing from and writes nothing to the service's state.
 */
public final class SimulationService {

    private static final Set<String> FIELDS = Set.of("trace", "generate", "provider", "latency_slo_ms",
            "max_cost_per_gb_month", "horizon_days", "min_residency_days", "min_saving_fraction", "egress_per_gb");
    private static final Set<String> GENERATE = Set.of("seed", "datasets", "days", "mix");
    // a generated replay is CPU time on the service: keep one request to seconds
    static final long MAX_GENERATED_DATASET_DAYS = 5_000_000;

    private final Decisions decisions;
    private final ObjectMapper mapper;

    public SimulationService(Decisions decisions, ObjectMapper mapper) {
        this.decisions = decisions;
        this.mapper = mapper;
    }

    public SimReport simulate(String body) {
        JsonNode root = JsonBody.parse(mapper, body);
        JsonBody json = JsonBody.object(root, "").allowOnly(FIELDS);
        String provider = json.optionalText("provider").orElse(null);
        if (provider != null && !decisions.catalog().has(provider)) {
            throw json.invalid("provider", "provider must be one of " + decisions.catalog().providers());
        }
        Double slo = json.optionalNonNegativeNumber("latency_slo_ms").orElse(null);
        Double maxCost = json.optionalNonNegativeNumber("max_cost_per_gb_month").orElse(null);
        Double horizon = json.optionalNonNegativeNumber("horizon_days").orElse(null);
        if (horizon != null && horizon == 0) {
            throw json.invalid("horizon_days", "horizon_days must be positive");
        }
        Double residency = json.optionalNonNegativeNumber("min_residency_days").orElse(null);
        Double saving = json.optionalNonNegativeNumber("min_saving_fraction").orElse(null);
        Double egress = json.optionalNonNegativeNumber("egress_per_gb").orElse(null);
        if (json.has("trace") == json.has("generate")) {
            throw ApiException.badRequest("trace", "give exactly one of trace (CSV or JSON lines) and generate");
        }
        Iterator<TraceEvent> events = json.has("trace")
                ? new TraceReader(new BufferedReader(new StringReader(json.requiredText("trace"))))
                : generator(JsonBody.object(root.get("generate"), "generate.").allowOnly(GENERATE));
        try {
            return decisions.simulator(provider, slo, maxCost, horizon, residency, saving, egress).run(events);
        } catch (TraceFormatException e) {
            throw ApiException.badRequest(e.field(), e.getMessage());
        }
    }

    private TraceGenerator generator(JsonBody spec) {
        long seed = spec.optionalLong("seed").orElse(1L);
        long datasets = spec.optionalNonNegative("datasets").orElse(200L);
        long days = spec.optionalNonNegative("days").orElse(365L);
        String mix = spec.optionalText("mix").orElse("balanced");
        if (datasets < 1 || days < 1) {
            throw ApiException.badRequest(datasets < 1 ? "generate.datasets" : "generate.days",
                    "datasets and days must be at least 1");
        }
        if (datasets * days > MAX_GENERATED_DATASET_DAYS) {
            throw ApiException.badRequest("generate.datasets", "datasets x days must be at most "
                    + MAX_GENERATED_DATASET_DAYS + "; replay larger traces with the CLI");
        }
        if (!TraceGenerator.MIXES.containsKey(mix)) {
            throw ApiException.badRequest("generate.mix", "mix must be one of " + TraceGenerator.MIXES.keySet());
        }
        return new TraceGenerator(seed, (int) datasets, (int) days, mix);
    }
}
