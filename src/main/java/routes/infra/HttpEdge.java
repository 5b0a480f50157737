package routes.infra;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.Router;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * What the HTTP server does around the REST routes: counts every request by method, path and
 * status, checks API keys (and who may reach Jolokia), answers an oversized body with a JSON 413,
 * asks API calls to retry while the routes reload, serves the SSE stream and the web UI.
 */
public final class HttpEdge implements StartupListener {

    private static final Pattern ID_SEGMENT = Pattern.compile("/\\d+(?=/|$)");

    private final MeterRegistry registry;
    private final SseHub sse;
    private final ApiKeyGuard guard;
    private final long maxBodyBytes;
    private final JolokiaAccess jolokia;
    private final RouteReloads reloads;

    /** {@code jolokia} guards the Jolokia path (null when Jolokia is off); {@code reloads} says when
     *  the routes are being reloaded. */
    public HttpEdge(MeterRegistry registry, SseHub sse, ApiKeyGuard guard, long maxBodyBytes, JolokiaAccess jolokia,
                    RouteReloads reloads) {
        this.registry = registry;
        this.sse = sse;
        this.guard = guard;
        this.maxBodyBytes = maxBodyBytes;
        this.jolokia = jolokia;
        this.reloads = reloads;
    }

    /** The router of the service's HTTP server, or null when there is none. */
    static VertxPlatformHttpRouter router(CamelContext context) {
        // Camel Main names its router after the server's port
        int port = context.getPropertiesComponent().resolveProperty("dim.http.port").map(Integer::parseInt)
                .orElse(8080);
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context,
                VertxPlatformHttpRouter.getRouterNameFromPort(port));
        return router != null ? router : VertxPlatformHttpRouter.lookup(context);
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        if (alreadyStarted) {
            return; // routes added to a running context (a live reload): the handlers are in place
        }
        VertxPlatformHttpRouter router = router(context);
        if (router == null) {
            return; // no HTTP server in this context (camel.server.enabled=false, or a route-only test)
        }
        router.route().order(-1000).handler(this::count);
        router.route().order(-998).handler(guard::handle);
        router.route().order(-999).handler(this::checkBody);
        if (jolokia != null) {
            router.route(jolokia.routePath()).order(-997).handler(jolokia::handle);
        }
        router.errorHandler(413, ctx -> error(ctx, 413, tooLarge()));
        // while routes reload, an API call could reach a REST route whose direct: route is not back yet
        router.route().order(-996).handler(ctx -> {
            if (reloads.inProgress() && ApiKeyGuard.isApi(ctx.normalizedPath())) {
                comeBackSoon(ctx);
            } else {
                ctx.next();
            }
        });
        router.route().order(Integer.MAX_VALUE).handler(this::notFound);
        sse.attach(router, router.vertx());
        ApiDocs.attach(router);
        serveUi(router);
    }

    /** The web UI built into {@code webroot/} of the classpath: its page at {@code /} and, for
     *  client-side routes that a reload asks the server for, at {@code /ui/*}; its bundles at
     *  {@code /assets/*}. No API path starts with these, so the UI never shadows the API. */
    private static void serveUi(VertxPlatformHttpRouter router) {
        Buffer index = classpathResource("webroot/index.html");
        if (index == null) {
            return; // built without the UI (the ui/ build is skipped)
        }
        router.get("/assets/*").handler(StaticHandler.create("webroot/assets").setCachingEnabled(true));
        router.getWithRegex("/|/ui(/.*)?").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/html; charset=utf-8")
                // the page names content-hashed bundles: it must be fetched again after an upgrade
                .putHeader("Cache-Control", "no-cache")
                .end(index));
    }

    private static Buffer classpathResource(String name) {
        try (InputStream in = HttpEdge.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? null : Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name, e);
        }
    }

    /** No route took the request: while the routes are being reloaded an API call is asked to come
     *  back in a second (its route is about to return); otherwise it gets the API's JSON error, not the
     *  web server's HTML page. */
    private void notFound(RoutingContext ctx) {
        if (reloads.inProgress() && ApiKeyGuard.isApi(ctx.normalizedPath())) {
            comeBackSoon(ctx);
        } else {
            error(ctx, 404, "no endpoint " + ctx.request().method() + " " + ctx.normalizedPath()
                    + " (GET /openapi.json lists them, /docs shows them)");
        }
    }

    private static void comeBackSoon(RoutingContext ctx) {
        ctx.response().putHeader("Retry-After", "1");
        error(ctx, 503, "the routes are being reloaded; retry in a second");
    }

    private void count(RoutingContext ctx) {
        String method = ctx.request().method().name();
        String path = ID_SEGMENT.matcher(ctx.normalizedPath()).replaceAll("/{id}");
        ctx.addEndHandler(v -> registry.counter("dim.http.requests", "method", method, "path", path,
                "status", Integer.toString(ctx.response().getStatusCode())).increment());
        ctx.next();
    }

    /** Refuses a declared body over the limit before reading it (chunked bodies are cut off by the
     *  server's body handler, dim.http.max-body-bytes, with the same answer), and a body that is
     *  not JSON, which the server would otherwise try to parse as a form. */
    private void checkBody(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        if (type != null && !type.toLowerCase(Locale.ROOT).contains("json")) {
            error(ctx, 415, "request bodies are JSON: send Content-Type: application/json");
            return;
        }
        String length = ctx.request().getHeader("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > maxBodyBytes) {
                    ctx.response().putHeader("Connection", "close");
                    error(ctx, 413, tooLarge());
                    return;
                }
            } catch (NumberFormatException ignored) {
                // let the server reject a malformed header
            }
        }
        ctx.next();
    }

    /** The API's error shape, {"error": message, "field": null}, for what the edge answers itself. */
    private static void error(RoutingContext ctx, int status, String message) {
        if (!ctx.response().ended()) {
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("error", message).putNull("field").encode());
        }
    }

    private String tooLarge() {
        return "request body is larger than " + maxBodyBytes + " bytes (dim.http.max-body-bytes)";
    }
}
