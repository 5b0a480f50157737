package routes.catalog;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.dao.DataIntegrityViolationException;
import routes.api.ApiException;
import routes.api.JsonBody;
import routes.api.PathParams;

/**
 * Creating, reading, editing and listing placement policies: the REST routes' bean for /policies.
 * A PATCH takes any subset of the create fields (null clears an optional bound or list) and the
 * result is checked as a whole, so an invalid edit changes nothing. A policy whose min_redundancy the
 * registered stores can never meet is refused (422), since placement could only ever fall short.
 */
public final class PolicyService {

    private static final Set<String> FIELDS = Set.of("name", "latency_slo_ms", "max_cost_per_gb_month",
            "min_redundancy", "encryption_required", "preferred_regions", "excluded_regions", "mode");
    private static final Set<String> CLEARABLE = Set.of("latency_slo_ms", "max_cost_per_gb_month",
            "preferred_regions", "excluded_regions");
    private static final Pattern REGION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final PolicyRepository policies;
    private final ObjectMapper mapper;
    private final Feasibility feasibility;

    public PolicyService(PolicyRepository policies, ObjectMapper mapper, Feasibility feasibility) {
        this.policies = policies;
        this.mapper = mapper;
        this.feasibility = feasibility;
    }

    /** Why the registered stores can never meet a policy's min_redundancy, or empty when they can. */
    public interface Feasibility {
        Optional<String> whyUnmet(Policy policy);
    }

    public Policy create(String body) {
        JsonBody json = JsonBody.object(mapper, body).allowOnly(FIELDS);
        Policy blank = new Policy(0, json.requiredText("name"), null, null, 1, false, List.of(), List.of(),
                Policy.Mode.RECOMMEND, null, null);
        Policy policy = checked(apply(blank, json));
        if (policies.findByName(policy.name()).isPresent()) {
            throw ApiException.conflict("name", "a policy named '" + policy.name() + "' already exists");
        }
        try {
            return policies.insert(policy);
        } catch (DataIntegrityViolationException e) {
            throw ApiException.conflict("name", "a policy named '" + policy.name() + "' already exists");
        }
    }

    public Policy get(String id) {
        return existing(id);
    }

    public Policy patch(String id, String body) {
        Policy current = existing(id);
        JsonBody json = JsonBody.object(mapper, body).allowOnly(FIELDS);
        Policy policy = checked(apply(current, json));
        policies.findByName(policy.name()).filter(other -> other.id() != current.id()).ifPresent(other -> {
            throw ApiException.conflict("name", "a policy named '" + policy.name() + "' already exists");
        });
        try {
            return policies.update(policy);
        } catch (DataIntegrityViolationException e) {
            throw ApiException.conflict("name", "a policy named '" + policy.name() + "' already exists");
        }
    }

    public List<Policy> list() {
        return policies.all();
    }

    private Policy existing(String id) {
        long policyId = PathParams.id(id, "id");
        return policies.find(policyId)
                .orElseThrow(() -> ApiException.notFound("id", "no policy with id " + policyId));
    }

    /** {@code p} with the fields {@code json} gives; a field given as null clears it where it may be unset. */
    private static Policy apply(Policy p, JsonBody json) {
        for (String field : FIELDS) {
            if (json.present(field) && !json.has(field) && !CLEARABLE.contains(field)) {
                throw json.invalid(field, field + " must not be null");
            }
        }
        String name = json.optionalText("name").orElse(p.name());
        Double latency = json.present("latency_slo_ms")
                ? json.optionalNonNegativeNumber("latency_slo_ms").orElse(null) : p.latencySloMs();
        Double maxCost = json.present("max_cost_per_gb_month")
                ? json.optionalNonNegativeNumber("max_cost_per_gb_month").orElse(null) : p.maxCostPerGbMonth();
        long redundancy = json.optionalLong("min_redundancy").orElse((long) p.minRedundancy());
        if (redundancy < 1 || redundancy > 10) {
            throw json.invalid("min_redundancy", "min_redundancy must be from 1 to 10");
        }
        boolean encryption = json.optionalBoolean("encryption_required", p.encryptionRequired());
        List<String> preferred = json.present("preferred_regions")
                ? regions(json, "preferred_regions") : p.preferredRegions();
        List<String> excluded = json.present("excluded_regions")
                ? regions(json, "excluded_regions") : p.excludedRegions();
        Policy.Mode mode = json.optionalText("mode").map(m -> mode(json, m)).orElse(p.mode());
        if (latency != null && latency == 0) {
            throw json.invalid("latency_slo_ms", "latency_slo_ms must be greater than 0");
        }
        return new Policy(p.id(), name, latency, maxCost, (int) redundancy, encryption, preferred, excluded, mode,
                p.createdAt(), p.updatedAt());
    }

    /** Checks what no single field shows: the name's length, regions both preferred and excluded, and a
     *  redundancy the registered stores cannot give. */
    private Policy checked(Policy p) {
        if (p.name().length() > 200) {
            throw ApiException.badRequest("name", "name must be at most 200 characters");
        }
        for (String region : p.excludedRegions()) {
            if (p.prefers(region)) {
                throw ApiException.badRequest("excluded_regions", "region '" + region
                        + "' is both preferred and excluded");
            }
        }
        feasibility.whyUnmet(p).ifPresent(why -> {
            throw new ApiException(422, why, "min_redundancy");
        });
        return p;
    }

    private static List<String> regions(JsonBody json, String field) {
        JsonNode node = json.node(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw json.invalid(field, field + " must be an array of region names");
        }
        Set<String> regions = new LinkedHashSet<>();
        for (JsonNode r : node) {
            if (!r.isTextual() || !REGION.matcher(r.asText().trim()).matches()) {
                throw json.invalid(field, field + " must hold region names (letters, digits, '.', '_', '-'; "
                        + "e.g. us-east-1), not " + r);
            }
            regions.add(r.asText().trim());
        }
        if (regions.size() > 100) {
            throw json.invalid(field, field + " may name at most 100 regions");
        }
        return new ArrayList<>(regions);
    }

    private static Policy.Mode mode(JsonBody json, String value) {
        return switch (value) {
            case "recommend" -> Policy.Mode.RECOMMEND;
            case "auto" -> Policy.Mode.AUTO;
            default -> throw json.invalid("mode", "mode must be recommend or auto");
        };
    }
}
