package routes.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.StringJoiner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import routes.infra.Json;

/** The service's HTTP API: JSON in and out, the API key on every call, failures as {@link ApiFailure}. */
final class ApiClient {

    static final ObjectMapper JSON = Json.mapper();

    // a replay of a long trace may take minutes; the connect timeout is what catches a wrong --api
    private static final Duration CALL_TIMEOUT = Duration.ofMinutes(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String key;

    ApiClient(URI base, String key) {
        this.base = base;
        this.key = key;
    }

    /** A status and body; {@link #json()} parses the body. */
    record Reply(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new ApiFailure(Dim.UNAVAILABLE, "the service answered " + status + " with no JSON: " + body);
            }
        }
    }

    /** GET with a query of name/value pairs; pairs whose value is null are left out. */
    Reply get(String path, Object... query) {
        return check(call("GET", path + query(query), null));
    }

    Reply post(String path, JsonNode body) {
        return check(call("POST", path, body));
    }

    /** One call, whatever its status; unreachable is the only failure. */
    Reply call(String method, String path, JsonNode body) {
        HttpRequest.BodyPublisher content = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString());
        HttpRequest request = request(path).timeout(CALL_TIMEOUT).method(method, content).build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiFailure(Dim.UNAVAILABLE, "interrupted");
        }
    }

    /** {@code GET /events}, line by line. */
    EventStream events() {
        return new EventStream(http, request("/events").GET().build(), this);
    }

    /** The reply when it is a success, else the failure its status means, with the API's message. */
    Reply check(Reply r) {
        if (r.status() < 400) {
            return r;
        }
        String message = r.body();
        try {
            JsonNode error = JSON.readTree(r.body());
            message = error.path("error").asText(message)
                    + (error.path("field").isTextual() ? " (field " + error.path("field").asText() + ")" : "");
        } catch (JsonProcessingException notJson) {
            // the body as it came
        }
        if (r.status() >= 500) {
            throw new ApiFailure(Dim.UNAVAILABLE, "the service failed (" + r.status() + "): " + message);
        }
        throw new ApiFailure(Dim.REFUSED, message);
    }

    ApiFailure unreachable(Throwable cause) {
        String why = cause.getClass().getSimpleName(); // the HTTP client's ConnectException has no message
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                why = t.getMessage();
                break;
            }
        }
        return new ApiFailure(Dim.UNAVAILABLE, "cannot reach the service at " + base + ": " + why);
    }

    /** A JSON object of name/value pairs; a pair whose value is null is left out, so the API's default applies. */
    static ObjectNode body(Object... namesAndValues) {
        ObjectNode o = JSON.createObjectNode();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                o.set((String) namesAndValues[i], JSON.valueToTree(namesAndValues[i + 1]));
            }
        }
        return o;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/+$", "") + path))
                .header("Content-Type", "application/json").header("Accept", "application/json");
        if (key != null && !key.isBlank()) {
            b.header("Authorization", "Bearer " + key);
        }
        return b;
    }

    private static String query(Object... pairs) {
        StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                q.add(pairs[i] + "=" + URLEncoder.encode(pairs[i + 1].toString(), StandardCharsets.UTF_8));
            }
        }
        return q.toString();
    }
}
