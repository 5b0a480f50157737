package routes.catalog;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import routes.api.ApiException;
import routes.api.JsonBody;

/** Creating and listing placement policies: the REST routes' bean for /policies. */
public final class PolicyService {

    private static final Set<String> FIELDS =
            Set.of("name", "latency_slo_ms", "max_cost_per_gb_month", "min_redundancy");

    private final PolicyRepository policies;
    private final ObjectMapper mapper;

    public PolicyService(PolicyRepository policies, ObjectMapper mapper) {
        this.policies = policies;
        this.mapper = mapper;
    }

    public Policy create(String body) {
        JsonBody json = JsonBody.object(mapper, body).allowOnly(FIELDS);
        String name = json.requiredText("name");
        Double latency = json.optionalNonNegativeNumber("latency_slo_ms").orElse(null);
        if (latency != null && latency == 0) {
            throw ApiException.badRequest("latency_slo_ms", "latency_slo_ms must be greater than 0");
        }
        Double maxCost = json.optionalNonNegativeNumber("max_cost_per_gb_month").orElse(null);
        long redundancy = json.optionalLong("min_redundancy").orElse(1L);
        if (redundancy < 1 || redundancy > 10) {
            throw ApiException.badRequest("min_redundancy", "min_redundancy must be from 1 to 10");
        }
        if (policies.findByName(name).isPresent()) {
            throw ApiException.conflict("name", "a policy named '" + name + "' already exists");
        }
        return policies.insert(name, latency, maxCost, (int) redundancy);
    }

    public List<Policy> list() {
        return policies.all();
    }
}
