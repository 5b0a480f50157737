package routes.infra;

import java.util.Optional;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.RoutingContext;
import routes.api.ApiKeys;

/**
 * Lets a request through only with a valid key ({@code Authorization: Bearer <key>},
 * {@code X-API-Key} or the password of basic authentication; {@code ?api_key=} for the SSE stream,
 * which browsers cannot give headers), and
 * a write only with an admin key. {@code /health} (and {@code /metrics} when configured public) stay
 * open for probes and scrapers. Refusals are 401/403 with a JSON error, and counted.
 */
public final class ApiKeyGuard {

    private final ApiKeys keys;
    private final Set<String> open;
    private final MeterRegistry registry;

    public ApiKeyGuard(ApiKeys keys, boolean metricsPublic, MeterRegistry registry) {
        this.keys = keys;
        this.open = metricsPublic ? Set.of("/health", "/metrics") : Set.of("/health");
        this.registry = registry;
    }

    public void handle(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (!keys.enabled() || open.contains(path) || !isApi(path)) {
            ctx.next();
            return;
        }
        Optional<ApiKeys.Caller> caller = keys.caller(presented(ctx));
        if (caller.isEmpty()) {
            refuse(ctx, 401, "missing", "an API key is required: Authorization: Bearer <key> or X-API-Key");
            return;
        }
        if (!caller.get().role().mayCall(ctx.request().method().name())) {
            refuse(ctx, 403, "forbidden", "key '" + caller.get().name() + "' may only read; this needs an admin key");
            return;
        }
        ctx.put("caller", caller.get().name());
        ctx.next();
    }

    /** The API's paths; anything else (the web UI's files) is public. */
    static boolean isApi(String path) {
        String first = path.length() > 1 ? path.substring(1).split("/")[0] : "";
        return Set.of("datasets", "access-events", "recommendations", "policies", "stores", "train",
                "plan-migration", "jobs", "events", "metrics", "simulate", "models").contains(first);
    }

    /** The key a request presents: a bearer token, {@code X-API-Key}, or the password of basic
     *  authentication (what tools with a user/password dialog, such as Hawtio, can send). */
    static String presented(RoutingContext ctx) {
        String auth = ctx.request().getHeader("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return auth.substring(7).trim();
        }
        if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String userAndKey = new String(java.util.Base64.getDecoder().decode(auth.substring(6).trim()),
                        java.nio.charset.StandardCharsets.UTF_8);
                return userAndKey.substring(userAndKey.indexOf(':') + 1);
            } catch (IllegalArgumentException notBase64) {
                return null;
            }
        }
        String header = ctx.request().getHeader("X-API-Key");
        if (header != null) {
            return header.trim();
        }
        return "/events".equals(ctx.normalizedPath()) ? ctx.request().getParam("api_key") : null;
    }

    private void refuse(RoutingContext ctx, int status, String reason, String error) {
        registry.counter("dim.auth.failures", "reason", reason).increment();
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end("{\"error\":\"" + error.replace("\"", "'") + "\",\"field\":null}");
    }
}
