package routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import routes.support.Api;
import routes.support.ServiceTestSupport;

/** POST /simulate over real HTTP: a report per policy for a generated or inline trace; bad input is a
 *  400 naming the field; nothing in the service's state changes either way. */
class SimulateApiTest extends ServiceTestSupport {

    private List<Long> state() {
        return List.of(count("SELECT COUNT(*) FROM datasets"), count("SELECT COUNT(*) FROM models"),
                count("SELECT COUNT(*) FROM recommendations"), count("SELECT COUNT(*) FROM migration_jobs"));
    }

    @Test
    void aGeneratedTraceIsReplayedForEveryPolicy() {
        List<Long> before = state();
        Api.Response r = api.post("/simulate", "{\"generate\":{\"seed\":3,\"datasets\":40,\"days\":120,"
                + "\"mix\":\"mostly-cold\"},\"provider\":\"gcs\",\"latency_slo_ms\":100}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode report = r.json();
        assertThat(report.at("/trace/datasets").asLong()).isEqualTo(40);
        assertThat(report.at("/provider").asText()).isEqualTo("gcs");
        assertThat(report.at("/settings/latency_slo_ms").asDouble()).isEqualTo(100);
        assertThat(report.get("policies")).extracting(p -> p.get("name").asText()).containsSubsequence(
                "data-in-motion", "always-hot", "always-cold", "s3-intelligent-tiering-like", "gcs-autoclass-like",
                "gcs-autoclass-billed", "optimum");
        int last = report.get("policies").size() - 1;
        assertThat(report.at("/policies/" + last + "/name").asText()).isEqualTo("optimum");
        double optimum = report.at("/policies/" + last + "/total_cost").asDouble();
        for (JsonNode p : report.get("policies")) {
            assertThat(p.get("total_cost").asDouble()).isPositive();
            if (p.get("slo_misses").asLong() == 0) {
                assertThat(p.get("total_cost").asDouble()).isGreaterThanOrEqualTo(optimum - 1e-6);
            }
        }
        assertThat(report.at("/policies/0/slo_misses").asLong()).isZero();
        assertThat(report.at("/timing/events_per_second").asLong()).isPositive();
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void anInlineTraceIsBilled() {
        Api.Response r = api.post("/simulate", Api.json("trace", "ts,dataset_id,op,bytes,size_bytes\n"
                + "1767225600,a,write,1073741824,1073741824\n1769774400,a,read,0,\n"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().at("/trace/days").asLong()).isEqualTo(30);
        JsonNode hot = null;
        for (JsonNode p : r.json().get("policies")) {
            hot = p.get("name").asText().equals("always-hot") ? p : hot;
        }
        assertThat(hot.get("storage").asDouble()).isEqualTo(0.023);
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        List<Long> before = state();
        refused(api.post("/simulate", "{}"), "trace");
        refused(api.post("/simulate", "{\"trace\":\"x\",\"generate\":{}}"), "trace");
        refused(api.post("/simulate", Api.json("trace", "1767225600,a,delete,1\n")), "op");
        refused(api.post("/simulate", Api.json("trace", "1767225600,a,read\n")), "trace");
        refused(api.post("/simulate", "{\"generate\":{\"mix\":\"lukewarm\"}}"), "generate.mix");
        refused(api.post("/simulate", "{\"generate\":{\"datasets\":100000,\"days\":3650}}"), "generate.datasets");
        refused(api.post("/simulate", "{\"generate\":{\"dayz\":3}}"), "generate.dayz");
        refused(api.post("/simulate", "{\"generate\":{},\"provider\":\"azure\"}"), "provider");
        refused(api.post("/simulate", "{\"generate\":{},\"latency_slo_ms\":-1}"), "latency_slo_ms");
        refused(api.post("/simulate", "{\"generate\":{},\"horizon_days\":0}"), "horizon_days");
        refused(api.post("/simulate", "{\"generate\":{},\"speed\":\"fast\"}"), "speed");
        assertThat(state()).isEqualTo(before);
    }

    private static void refused(Api.Response r, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.field()).as(r.body()).isEqualTo(field);
        assertThat(r.error()).isNotBlank();
    }
}
