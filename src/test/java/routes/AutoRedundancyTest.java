package routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import routes.support.Api;
import routes.support.ServiceTestSupport;

/** Auto mode makes the secondary replica an auto policy's min_redundancy lacks: the recommendation names
 *  the further store, and the service copies, verifies and records the replica there by itself. */
class AutoRedundancyTest extends ServiceTestSupport {

    @Override
    protected Map<String, String> overrides() {
        return Map.of("dim.classify.interval", "1s", "dim.auto.interval", "1s");
    }

    @Test
    void anAutoPolicyForTwoCopiesGetsASecondaryReplicaInTheOtherStore() throws Exception {
        assertThat(api.post("/stores", Api.json("name", "second", "uri_prefix", fileUri("second"))).status())
                .isEqualTo(201);
        long policy = api.post("/policies", Api.json("name", "auto-twice", "min_redundancy", 2, "mode", "auto")).id();
        long ds = createDataset("a1", 100_000);
        String sha = sha256(storage.resolve("a1"));
        assertThat(api.patch("/datasets/" + ds, Api.json("policy_id", policy)).status()).isEqualTo(200);

        eventually().until(() -> count("SELECT COUNT(*) FROM replicas WHERE dataset_id = ? AND is_primary = 0", ds) == 1);
        JsonNode dataset = api.get("/datasets/" + ds).json();
        assertThat(dataset.path("path_uri").asText()).isEqualTo(fileUri("a1"));
        JsonNode copy = dataset.path("replicas").get(1);
        assertThat(copy.path("is_primary").asBoolean()).isFalse();
        assertThat(copy.path("uri").asText()).startsWith(fileUri("second/"));
        assertThat(copy.path("checksum_sha256").asText()).isEqualTo(sha);
        assertThat(sha256(storage.resolve("a1"))).isEqualTo(sha);
        eventually().until(() -> count("SELECT COUNT(*) FROM migration_jobs WHERE dataset_id = ? AND kind = 'replicate' "
                + "AND state = 'completed'", ds) == 1);

        JsonNode advice = api.get("/recommendations?dataset_id=" + ds).json().get(0);
        assertThat(advice.path("replica_stores")).extracting(JsonNode::asText).containsExactly("second");
        assertThat(advice.path("reason").asText()).contains("the policy asks for 2 replicas in distinct stores")
                .contains("a secondary in 'second'");
        assertThat(api.get("/metrics").body()).containsPattern("dim_auto_plans_total\\{[^}]*\\} [1-9]");
    }
}
