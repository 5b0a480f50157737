package routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import routes.api.ApiKeys;
import routes.support.Api;
import routes.support.ServiceTestSupport;

/** Jolokia, what Hawtio reads the route diagram and its exchange counts from: Camel's route MBeans
 *  over HTTP on the API's port, for loopback clients with an admin key only. */
class JolokiaTest extends ServiceTestSupport {

    private static final String ADMIN = "jolokia-admin-key";
    private static final String READER = "jolokia-reader-key";
    private static final String ROUTES = "org.apache.camel:context=*,type=routes,name=*";

    @Override
    protected Map<String, String> overrides() {
        return Map.of("dim.api.keys", "ops:admin:" + ApiKeys.hash(ADMIN) + ",dash:read:" + ApiKeys.hash(READER));
    }

    private Api.Response jolokia(String request, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(api.uri("/observe/jolokia"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(request));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return api.send(b);
    }

    /** ExchangesTotal of one route, read through Jolokia with a pattern over every route, as Hawtio does. */
    private long exchangesTotal(String routeId) {
        Api.Response r = jolokia(Api.json("type", "read", "mbean", ROUTES, "attribute", "ExchangesTotal"),
                "Bearer " + ADMIN);
        assertThat(r.status()).isEqualTo(200);
        JsonNode routes = r.json().path("value");
        assertThat(r.json().path("status").asInt()).as(r.body()).isEqualTo(200);
        for (var it = routes.fields(); it.hasNext(); ) {
            var route = it.next();
            if (route.getKey().contains("name=\"" + routeId + "\"")) {
                return route.getValue().path("ExchangesTotal").asLong();
            }
        }
        throw new AssertionError("no route " + routeId + " among " + routes.size() + " routes: " + r.body());
    }

    private Api.Response postEvents(long datasetId, int n) {
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            batch.append(i > 0 ? "," : "").append(Api.json("dataset_id", datasetId, "op", "read", "size_bytes", 100));
        }
        return api.send(HttpRequest.newBuilder(api.uri("/access-events")).header("Content-Type", "application/json")
                .header("X-API-Key", ADMIN).POST(HttpRequest.BodyPublishers.ofString(batch.append(']').toString())));
    }

    @Test
    void routeCountersRiseAsEventsFlowThrough() {
        Api.Response created = api.send(HttpRequest.newBuilder(api.uri("/datasets"))
                .header("Content-Type", "application/json").header("X-API-Key", ADMIN)
                .POST(HttpRequest.BodyPublishers.ofString(Api.json("name", "watched", "path_uri", fileUri("watched"),
                        "size_bytes", 1024, "auto_seed", true))));
        assertThat(created.status()).isEqualTo(201);
        long accepted = exchangesTotal("api-post-access-events");
        long ingested = exchangesTotal("ingest-access-events");

        for (int i = 0; i < 3; i++) {
            assertThat(postEvents(created.id(), 5).status()).isEqualTo(202);
        }

        assertThat(exchangesTotal("api-post-access-events")).isEqualTo(accepted + 3);
        eventually().until(() -> count("SELECT COALESCE(SUM(read_count), 0) FROM access_aggregates") == 15);
        // the batch's transaction commits inside the exchange; its counter rises once the exchange completes
        eventually().until(() -> exchangesTotal("ingest-access-events") > ingested);
    }

    @Test
    void theRouteDiagramsNodesAreThereWithTheirCounters() {
        // Hawtio draws a route from its processors' MBeans, each with its own counters
        Api.Response r = jolokia("{\"type\":\"read\",\"mbean\":\"org.apache.camel:context=*,type=processors,name=*\","
                + "\"attribute\":[\"RouteId\",\"ExchangesTotal\"]}", "Bearer " + ADMIN);
        assertThat(r.json().path("status").asInt()).as(r.body()).isEqualTo(200);
        long ingestSteps = 0;
        for (JsonNode processor : r.json().path("value")) {
            if ("ingest-access-events".equals(processor.path("RouteId").asText())) {
                assertThat(processor.has("ExchangesTotal")).isTrue();
                ingestSteps++;
            }
        }
        assertThat(ingestSteps).as("the ingest route's steps: decode, write, count").isEqualTo(3);
    }

    @Test
    void withoutAnAdminKeyJolokiaIsClosed() {
        Api.Response none = jolokia(Api.json("type", "version"), null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.error()).contains("admin API key is required");
        assertThat(api.get("/observe/jolokia/read/java.lang:type=Runtime/Uptime").status()).isEqualTo(401);
        assertThat(jolokia(Api.json("type", "version"), "Bearer wrong").status()).isEqualTo(401);
        Api.Response reader = jolokia(Api.json("type", "version"), "Bearer " + READER);
        assertThat(reader.status()).isEqualTo(403);
        assertThat(reader.error()).contains("needs an admin key");
    }

    @Test
    void hawtiosUserAndPasswordDialogWorksWithTheKeyAsPassword() {
        String basic = "Basic " + Base64.getEncoder().encodeToString(("hawtio:" + ADMIN).getBytes(StandardCharsets.UTF_8));
        Api.Response r = jolokia(Api.json("type", "version"), basic);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("value").path("agent").asText()).isNotEmpty();
    }

    @Test
    void theJvmsDiagnosticCommandsAreDenied() {
        Api.Response r = jolokia(Api.json("type", "exec", "mbean", "com.sun.management:type=DiagnosticCommand",
                "operation", "vmVersion"), "Bearer " + ADMIN);
        assertThat(r.json().path("status").asInt()).isEqualTo(403);
    }

    @Test
    void aPageFromAnotherSiteCannotDriveIt() {
        Api.Response r = api.send(HttpRequest.newBuilder(api.uri("/observe/jolokia/version"))
                .header("Authorization", "Bearer " + ADMIN).header("Origin", "http://elsewhere.example").GET());
        assertThat(r.status()).isEqualTo(403);
        Api.Response local = api.send(HttpRequest.newBuilder(api.uri("/observe/jolokia/version"))
                .header("Authorization", "Bearer " + ADMIN).header("Origin", "http://localhost:8090").GET());
        assertThat(local.status()).isEqualTo(200);
    }

    @Test
    void aClientFromAnotherAddressIsRefusedByDefault() throws Exception {
        // 127.0.0.2 is on this machine but is not one of the default allowed clients (127.0.0.1, ::1):
        // a real connection from a source address the allow-list does not name
        assertThat(statusFrom("127.0.0.2", "/observe/jolokia/version")).isEqualTo(403);
        assertThat(statusFrom("127.0.0.1", "/observe/jolokia/version")).isEqualTo(200);
        assertThat(statusFrom("127.0.0.2", "/health")).as("the API itself is not restricted").isEqualTo(200);
    }

    private int statusFrom(String sourceAddress, String path) throws Exception {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(sourceAddress), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", httpPort), 5000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + ADMIN
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }
}
