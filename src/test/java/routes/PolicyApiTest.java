package routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import routes.support.Api;
import routes.support.ServiceTestSupport;

/** Policies over real HTTP: created, read and edited field by field in one JSON shape; their encryption
 *  and region rules bind a planned move; the policy named "default" governs datasets without one. */
class PolicyApiTest extends ServiceTestSupport {

    @Test
    void aPolicyIsCreatedReadAndEditedFieldByField() {
        // two copies under encryption need two encrypting stores (names after 'local', so placement ties keep local)
        for (String vault : List.of("vault-a", "vault-b")) {
            api.post("/stores", Api.json("name", vault, "uri_prefix", fileUri(vault), "encryption", "DISK"));
        }
        Api.Response created = api.post("/policies", Api.json("name", "gold", "latency_slo_ms", 50,
                "max_cost_per_gb_month", 0.03, "min_redundancy", 2, "encryption_required", true,
                "preferred_regions", List.of("us-east-1"), "excluded_regions", List.of("cn-north-1"), "mode", "auto"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode p = created.json();
        assertThat(p.path("mode").asText()).isEqualTo("auto");
        assertThat(p.path("encryption_required").asBoolean()).isTrue();
        assertThat(p.path("preferred_regions")).extracting(JsonNode::asText).containsExactly("us-east-1");
        assertThat(p.path("excluded_regions")).extracting(JsonNode::asText).containsExactly("cn-north-1");
        assertThat(api.get("/policies/" + p.path("id").asLong()).json()).isEqualTo(p);

        Api.Response edited = api.patch("/policies/" + p.path("id").asLong(), Api.json("mode", "recommend",
                "excluded_regions", List.of()));
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        JsonNode e = edited.json();
        assertThat(e.path("mode").asText()).isEqualTo("recommend");
        assertThat(e.path("excluded_regions")).isEmpty();
        // what the edit did not name stays
        assertThat(e.path("latency_slo_ms").asDouble()).isEqualTo(50);
        assertThat(e.path("min_redundancy").asInt()).isEqualTo(2);
        assertThat(e.path("preferred_regions")).extracting(JsonNode::asText).containsExactly("us-east-1");
        assertThat(api.get("/policies/" + p.path("id").asLong()).json()).isEqualTo(e);

        JsonNode cleared = api.patch("/policies/" + p.path("id").asLong(), "{\"latency_slo_ms\": null}").json();
        assertThat(cleared.path("latency_slo_ms").isNull()).isTrue();

        long other = api.post("/policies", Api.json("name", "silver")).id();
        Api.Response clash = api.patch("/policies/" + other, Api.json("name", "gold"));
        assertThat(clash.status()).isEqualTo(409);
        assertThat(clash.field()).isEqualTo("name");
        assertThat(api.get("/policies/" + other).json().path("name").asText()).isEqualTo("silver");
        JsonNode plain = api.get("/policies/" + other).json();
        assertThat(plain.path("mode").asText()).isEqualTo("recommend");
        assertThat(plain.path("encryption_required").asBoolean()).isFalse();
    }

    @Test
    void encryptionAndRegionRulesBindAPlannedMove() {
        long ds = createDataset("secret", 4096);
        long sealed = api.post("/policies", Api.json("name", "sealed", "encryption_required", true)).id();
        api.patch("/datasets/" + ds, Api.json("policy_id", sealed));
        Api.Response r = api.post("/plan-migration", Api.json("dataset_id", ds, "storage_class", "cold",
                "target_location", fileUri("secret-cold")));
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.field()).isEqualTo("target_location");
        assertThat(r.error()).contains("requires encryption");

        api.post("/stores", Api.json("name", "far", "uri_prefix", fileUri("far"), "region", "ap-south-1"));
        long here = api.post("/policies", Api.json("name", "here-only", "excluded_regions", List.of("ap-south-1"))).id();
        api.patch("/datasets/" + ds, Api.json("policy_id", here));
        Api.Response far = api.post("/plan-migration", Api.json("dataset_id", ds, "storage_class", "cold",
                "target_location", fileUri("far/secret")));
        assertThat(far.status()).as(far.body()).isEqualTo(422);
        assertThat(far.error()).contains("region ap-south-1");
        assertThat(count("SELECT COUNT(*) FROM migration_jobs WHERE dataset_id = ?", ds)).isZero();

        // a policy edit reclassifies: the recommendation names the store chosen and the policy that bound it
        assertThat(api.patch("/policies/" + here, Api.json("min_redundancy", 1)).status()).isEqualTo(200);
        JsonNode advice = api.get("/recommendations?dataset_id=" + ds).json().get(0);
        assertThat(advice.path("target_store").asText()).isEqualTo("local");
        assertThat(advice.path("reason").asText()).contains("store 'local'").contains("policy 'here-only'")
                .contains("far/cold (region ap-south-1 is excluded)");
    }

    @Test
    void thePolicyNamedDefaultGovernsDatasetsWithoutOne() {
        long ds = createDataset("ungoverned", 4096);
        long global = api.post("/policies", Api.json("name", "default", "latency_slo_ms", 20)).id();
        Api.Response r = api.post("/plan-migration", Api.json("dataset_id", ds, "storage_class", "cold",
                "target_location", fileUri("ungoverned-cold")));
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.error()).contains("policy 'default'");
        // renamed, it governs nothing more
        api.patch("/policies/" + global, Api.json("name", "was-default"));
        assertThat(api.post("/plan-migration", Api.json("dataset_id", ds, "storage_class", "cold",
                "target_location", fileUri("ungoverned-cold"))).status()).isEqualTo(202);
    }
}
