package routes.infra;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;

/**
 * {@code GET /events}: a Server-Sent Events stream of job transitions and progress. Each client
 * gets every event published after it connected; a comment line every 15 s keeps proxies from
 * closing an idle stream.
 */
public final class SseHub {

    private final Map<HttpServerResponse, Context> clients = new ConcurrentHashMap<>();

    public void attach(Router router, Vertx vertx) {
        router.get("/events").order(-900).handler(ctx -> {
            HttpServerResponse response = ctx.response();
            response.setChunked(true)
                    .putHeader("Content-Type", "text/event-stream")
                    .putHeader("Cache-Control", "no-cache")
                    .putHeader("X-Accel-Buffering", "no");
            response.write("retry: 2000\n\n");
            clients.put(response, vertx.getOrCreateContext());
            response.closeHandler(v -> clients.remove(response));
            response.exceptionHandler(e -> clients.remove(response));
        });
        vertx.setPeriodic(15_000, id -> send(": keep-alive\n\n"));
    }

    /** Sends one event, with the JSON of its payload, to every connected client. */
    public void broadcast(String json) {
        send("event: job\ndata: " + json.replace("\n", "") + "\n\n");
    }

    public int clients() {
        return clients.size();
    }

    private void send(String frame) {
        clients.forEach((response, context) -> context.runOnContext(v -> {
            if (!response.closed() && !response.ended()) {
                response.write(frame);
            }
        }));
    }
}
