package routes.infra;

import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * Who asked, how often, and what came of it, around every request: a correlation id
 * ({@code X-Request-Id}, accepted when sane, else generated, echoed in the response and passed to
 * the routes), one audit line per write, a request rate per client (429 with {@code Retry-After}
 * beyond it) and a cap on concurrent event streams (503 beyond it).
 */
public final class RequestEdge implements StartupListener {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final AuditLog audit;
    private final RateLimiter limiter;
    private final SseHub sse;
    private final int maxSseClients;
    private final MeterRegistry registry;

    public RequestEdge(AuditLog audit, RateLimiter limiter, SseHub sse, int maxSseClients, MeterRegistry registry) {
        this.audit = audit;
        this.limiter = limiter;
        this.sse = sse;
        this.maxSseClients = maxSseClients;
        this.registry = registry;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        if (alreadyStarted) {
            return; // routes added to a running context (a live reload): the handlers are in place
        }
        VertxPlatformHttpRouter router = HttpEdge.router(context);
        if (router == null) {
            return;
        }
        router.route().order(-1001).handler(this::correlate);
        // after the key check (-998), which names the caller
        router.route().order(-996).handler(this::limitRate);
        router.get("/events").order(-995).handler(this::limitStreams);
    }

    private void correlate(RoutingContext ctx) {
        String id = Correlation.accept(ctx.request().getHeader(Correlation.HEADER));
        ctx.request().headers().set(Correlation.HEADER, id); // the routes see the id as a header
        ctx.response().putHeader(Correlation.HEADER, id);
        String method = ctx.request().method().name();
        if (WRITES.contains(method)) {
            long start = System.nanoTime();
            String path = ctx.normalizedPath();
            ctx.addEndHandler(v -> audit.request(id, caller(ctx), remote(ctx), method, path,
                    ctx.response().getStatusCode(), (System.nanoTime() - start) / 1_000_000));
        }
        ctx.next();
    }

    private void limitRate(RoutingContext ctx) {
        if (!limiter.enabled() || !ApiKeyGuard.isApi(ctx.normalizedPath())) {
            ctx.next();
            return;
        }
        String who = ctx.get("caller");
        long wait = limiter.acquire(who != null ? "key:" + who : "address:" + remote(ctx));
        if (wait == 0) {
            ctx.next();
            return;
        }
        registry.counter("dim.http.rate.limited").increment();
        ctx.response().setStatusCode(429).putHeader("Retry-After", Long.toString(wait))
                .putHeader("Content-Type", "application/json")
                .end("{\"error\":\"too many requests: retry in " + wait + " s (dim.http.rate-limit.*)\",\"field\":null}");
    }

    private void limitStreams(RoutingContext ctx) {
        if (maxSseClients > 0 && sse.clients() >= maxSseClients) {
            registry.counter("dim.sse.refused").increment();
            ctx.response().setStatusCode(503).putHeader("Retry-After", "5")
                    .putHeader("Content-Type", "application/json")
                    .end("{\"error\":\"too many event streams open (dim.http.sse.max-clients = " + maxSseClients
                            + "); retry later\",\"field\":null}");
            return;
        }
        ctx.next();
    }

    private static String caller(RoutingContext ctx) {
        String who = ctx.get("caller");
        return who != null ? who : "anonymous";
    }

    private static String remote(RoutingContext ctx) {
        return ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
    }
}
