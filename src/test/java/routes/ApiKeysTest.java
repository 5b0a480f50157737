package routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.Map;

import org.junit.jupiter.api.Test;
import routes.api.ApiKeys;
import routes.support.Api;
import routes.support.ServiceTestSupport;

/** With keys configured, only callers with a key get in, and only admins may write. */
class ApiKeysTest extends ServiceTestSupport {

    private static final String ADMIN = "admin-secret-key";
    private static final String READER = "reader-secret-key";

    @Override
    protected Map<String, String> overrides() {
        return Map.of("dim.api.keys", "ops:admin:" + ApiKeys.hash(ADMIN) + ",dash:read:" + ApiKeys.hash(READER),
                "dim.api.metrics-public", "false");
    }

    private Api.Response call(String method, String path, String body, String header, String value) {
        HttpRequest.Builder b = HttpRequest.newBuilder(api.uri(path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (header != null) {
            b.header(header, value);
        }
        return api.send(b);
    }

    @Test
    void healthStaysOpenForProbes() {
        assertThat(api.get("/health").status()).isEqualTo(200);
    }

    @Test
    void noKeyOrAWrongKeyIs401AndChangesNothing() throws Exception {
        Api.Response none = api.get("/datasets");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.error()).contains("API key is required");
        Api.Response wrong = call("POST", "/policies", Api.json("name", "p"), "Authorization", "Bearer nope");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(count("SELECT COUNT(*) FROM policies")).isZero();
        assertThat(api.get("/metrics").status()).as("metrics are private here").isEqualTo(401);
    }

    @Test
    void aReadKeyReadsButCannotWrite() throws Exception {
        assertThat(call("GET", "/datasets", null, "X-API-Key", READER).status()).isEqualTo(200);
        Api.Response write = call("POST", "/policies", Api.json("name", "p"), "X-API-Key", READER);
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.error()).contains("may only read");
        assertThat(count("SELECT COUNT(*) FROM policies")).isZero();
    }

    @Test
    void anAdminKeyWritesAndFailuresAreCounted() {
        Api.Response created = call("POST", "/policies", Api.json("name", "by-admin"), "Authorization", "Bearer " + ADMIN);
        assertThat(created.status()).isEqualTo(201);
        assertThat(api.get("/jobs").status()).isEqualTo(401);
        String metrics = call("GET", "/metrics", null, "X-API-Key", ADMIN).body();
        assertThat(metrics).containsPattern("dim_auth_failures_total\\{reason=\"missing\"\\} [1-9]");
    }
}
