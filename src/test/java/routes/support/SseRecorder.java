package routes.support;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Listens to {@code GET /events} and keeps every event's JSON, as a browser's EventSource would. */
public final class SseRecorder implements AutoCloseable, Flow.Subscriber<String> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse<Void>> stream;
    private volatile boolean connected;

    private SseRecorder(Api api) {
        stream = api.client().sendAsync(HttpRequest.newBuilder(api.uri("/events")).GET().build(),
                HttpResponse.BodyHandlers.fromLineSubscriber(this));
    }

    public static SseRecorder connect(Api api) {
        return new SseRecorder(api);
    }

    /** True once the server has answered and sent its first line. */
    public boolean connected() {
        return connected;
    }

    /** The events received so far for one job, in arrival order. */
    public List<JsonNode> forJob(long jobId) {
        return events.stream().filter(e -> e.path("job_id").asLong() == jobId).toList();
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
        connected = true;
        if (line.startsWith("data:")) {
            try {
                events.add(JSON.readTree(line.substring(5).trim()));
            } catch (Exception ignored) {
                // not an event of ours
            }
        }
    }

    @Override
    public void onError(Throwable throwable) {
    }

    @Override
    public void onComplete() {
    }

    @Override
    public void close() {
        stream.cancel(true);
    }
}
