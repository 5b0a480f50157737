package routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import routes.support.Api;
import routes.support.ServiceTestSupport;

/** What the web UI's edit forms and cost chart stand on: PATCH /stores/{name}, which changes the fields
 *  given and keeps the others, and GET /costs/history, a snapshot per tier at each window close. */
class StoreEditAndCostHistoryTest extends ServiceTestSupport {

    @Override
    protected Map<String, String> overrides() {
        return Map.of("dim.classify.interval", "1s");
    }

    @Test
    void anEditChangesOnlyTheFieldsGivenAndAnswersTheStoreAsListed() {
        Api.Response created = api.post("/stores", "{\"name\":\"editable\",\"uri_prefix\":\"s3://edit-bucket/data/\","
                + "\"region\":\"us-east-1\",\"classes\":{\"cold\":{\"storage_class\":\"DEEP_ARCHIVE\","
                + "\"cost_per_gb_month\":0.00099,\"min_storage_days\":180}}}");
        assertThat(created.status()).isEqualTo(201);

        Api.Response edited = api.patch("/stores/editable",
                "{\"region\":\"eu-west-1\",\"classes\":{\"hot\":{\"cost_per_gb_month\":0.021}}}");
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        JsonNode store = edited.json();
        assertThat(store.get("region").asText()).isEqualTo("eu-west-1");
        assertThat(store.get("uri_prefix").asText()).isEqualTo("s3://edit-bucket/data/");
        assertThat(store.at("/classes/hot/cost_per_gb_month").asDouble()).isEqualTo(0.021);
        assertThat(store.at("/classes/hot/storage_class").asText()).isEqualTo("STANDARD");
        // what the edit left out keeps the registration's values, not the scheme's defaults
        assertThat(store.at("/classes/cold/storage_class").asText()).isEqualTo("DEEP_ARCHIVE");
        assertThat(store.at("/classes/cold/min_storage_days").asInt()).isEqualTo(180);

        JsonNode listed = null;
        for (JsonNode s : api.get("/stores").json()) {
            if (s.get("name").asText().equals("editable")) {
                listed = s;
            }
        }
        assertThat(listed).isEqualTo(store);

        Api.Response cleared = api.patch("/stores/editable", "{\"region\":null}");
        assertThat(cleared.json().get("region").isNull()).isTrue();
    }

    @Test
    void aStoreThatHoldsDataKeepsItsPrefix() {
        Api.Response shelf = api.post("/stores", "{\"name\":\"shelf\",\"uri_prefix\":\"" + fileUri("shelf") + "/\"}");
        assertThat(shelf.status()).as(shelf.body()).isEqualTo(201);
        assertThat(api.post("/datasets", Api.json("name", "on-shelf", "path_uri", fileUri("shelf/one"), "size_bytes", 10,
                "auto_seed", true)).status()).isEqualTo(201);
        String before = api.get("/stores").body();
        // with another prefix the dataset would lie in another store, or in none
        refused(api.patch("/stores/shelf", "{\"uri_prefix\":\"" + fileUri("shelf2") + "/\"}"), 409, "uri_prefix");
        refused(api.post("/stores", "{\"name\":\"shelf\",\"uri_prefix\":\"" + fileUri("shelf2") + "/\"}"), 409,
                "uri_prefix");
        refused(api.post("/stores", "{\"name\":\"local\",\"uri_prefix\":\"" + fileUri("elsewhere") + "/\"}"), 409,
                "uri_prefix");
        assertThat(api.get("/stores").body()).isEqualTo(before);
        assertThat(api.patch("/stores/shelf", "{\"region\":\"eu-west-1\"}").status()).as("other fields may change")
                .isEqualTo(200);
    }

    @Test
    void aBadEditIsRefusedNamingTheFieldAndChangesNothing() {
        api.post("/stores", "{\"name\":\"firm\",\"uri_prefix\":\"s3://firm-bucket/\",\"region\":\"us-east-1\","
                + "\"encryption\":\"SSE-KMS:alias/firm\"}");
        String before = api.get("/stores").body();

        refused(api.patch("/stores/firm", "{\"classes\":{\"hot\":{\"cost_per_gb_month\":-1}}}"),
                400, "classes.hot.cost_per_gb_month");
        refused(api.patch("/stores/firm", "{\"uri_prefix\":\"file:///etc/elsewhere\"}"), 400, "uri_prefix");
        refused(api.patch("/stores/firm", "{\"classes\":{\"lukewarm\":{}}}"), 400, "classes.lukewarm");
        refused(api.patch("/stores/firm", "{\"regoin\":\"eu-west-1\"}"), 400, "regoin");
        refused(api.patch("/stores/firm", "{\"name\":\"other\"}"), 400, "name");
        refused(api.patch("/stores/firm", "{\"region\":\"\"}"), 400, "region");
        refused(api.patch("/stores/firm", "{\"uri_prefix\":\"" + fileUri("") + "\"}"), 409, "uri_prefix");
        refused(api.patch("/stores/firm", "not json"), 400, null);
        // an encryption the store cannot apply to its writes: unknown, another cloud's, or missing its key
        refused(api.patch("/stores/firm", "{\"encryption\":\"rot13\"}"), 400, "encryption");
        refused(api.patch("/stores/firm", "{\"encryption\":\"CMEK:projects/p/locations/l/keyRings/r/cryptoKeys/k\"}"),
                400, "encryption");
        refused(api.patch("/stores/firm", "{\"encryption\":\"SSE-KMS:\"}"), 400, "encryption");
        refused(api.patch("/stores/firm", "{\"uri_prefix\":\"gs://firm-bucket/\"}"), 400, "encryption");
        refused(api.post("/stores", "{\"name\":\"disk\",\"uri_prefix\":\"" + fileUri("disk") + "\",\"encryption\":\"AES256\"}"),
                400, "encryption");
        assertThat(api.get("/stores").body()).isEqualTo(before);

        Api.Response unknown = api.patch("/stores/no-such-store", "{\"region\":\"eu-west-1\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).contains("no-such-store");
    }

    @Test
    void eachWindowCloseRecordsTheBytesAndCostOfEveryTier() {
        createDataset("costed", 2 * 1024 * 1024);
        Instant start = Instant.now();
        eventually().until(() -> api.get("/costs/history?since=" + start).json().size() >= 2);

        JsonNode points = api.get("/costs/history?since=" + start).json();
        JsonNode last = points.get(points.size() - 1);
        assertThat(Instant.parse(points.get(0).get("taken_at").asText()))
                .isBefore(Instant.parse(last.get("taken_at").asText()));
        assertThat(last.get("tiers").size()).isEqualTo(3);
        JsonNode hot = last.at("/tiers/hot");
        assertThat(hot.get("datasets").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(hot.get("size_bytes").asLong()).isGreaterThanOrEqualTo(2 * 1024 * 1024);
        // the local store's hot class: $0.023 per GB-month
        assertThat(hot.get("cost_per_month").asDouble())
                .isCloseTo(hot.get("size_bytes").asLong() / Math.pow(1024, 3) * 0.023, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(last.get("total_cost_per_month").asDouble()).isGreaterThanOrEqualTo(hot.get("cost_per_month").asDouble());

        assertThat(api.get("/costs/history").json().size()).isGreaterThanOrEqualTo(2); // the last 7 days
        assertThat(api.get("/costs/history?since=" + Instant.now().plusSeconds(3600).toEpochMilli()).json()).isEmpty();
        refused(api.get("/costs/history?since=yesterday"), 400, "since");
    }

    private static void refused(Api.Response r, int status, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        if (field != null) {
            assertThat(r.field()).as(r.body()).isEqualTo(field);
        }
    }
}
