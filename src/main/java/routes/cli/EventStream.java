package routes.cli;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The lines of a Server-Sent Events stream, read as they arrive, handed out with a timeout so the reader can
 *  do other work (or notice it is done) between events. */
final class EventStream implements Flow.Subscriber<String>, AutoCloseable {

    private static final String END = new String("end of stream"); // compared by identity

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final CompletableFuture<HttpResponse<String>> response;
    private final ApiClient api;
    private volatile Flow.Subscription subscription;

    EventStream(HttpClient http, HttpRequest request, ApiClient api) {
        this.api = api;
        // an error answer (401, 404...) is read whole, to report the API's message
        response = http.sendAsync(request, info -> info.statusCode() == 200
                ? BodySubscribers.mapping(BodySubscribers.fromLineSubscriber(this), nothing -> "")
                : BodySubscribers.ofString(StandardCharsets.UTF_8));
        response.whenComplete((r, e) -> lines.add(END));
    }

    /** The next line, or null when none came within the timeout; a stream that ended or never opened is an
     *  {@link ApiFailure}. */
    String next(Duration timeout) throws InterruptedException {
        String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (line != END) {
            return line;
        }
        HttpResponse<String> r;
        try {
            r = response.join();
        } catch (CompletionException e) {
            throw api.unreachable(e.getCause());
        }
        api.check(new ApiClient.Reply(r.statusCode(), r.body()));
        throw new ApiFailure(Dim.UNAVAILABLE, "the service closed the event stream");
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
        lines.add(line);
    }

    @Override
    public void onError(Throwable throwable) {
        // the response future completes exceptionally too, and next() reports it
    }

    @Override
    public void onComplete() {
    }

    @Override
    public void close() {
        if (subscription != null) {
            subscription.cancel();
        }
        response.cancel(true);
    }
}
