package routes.infra;

import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.MDC;

/**
 * The correlation (request) id of the work a thread is doing: taken from a request's
 * {@code X-Request-Id} when it is sane, else generated; carried on the Kafka records of the jobs a
 * request plans (header {@code X-Request-Id}) and set again by the mover when it takes one, so the
 * audit lines of a job's transitions name the request that caused them. Also put in the slf4j MDC
 * ({@code request_id}) for logging backends that print it.
 */
public final class Correlation {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "request_id";

    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,128}");
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    /** The id a client sent, when it is short and plain enough to log and echo; else a new one. */
    public static String accept(String offered) {
        return offered != null && SANE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    }

    /** Makes {@code requestId} (null or blank: none) this thread's current id; called by the routes
     *  that publish and take jobs. */
    public void enter(String requestId) {
        if (requestId == null || requestId.isBlank()) {
            CURRENT.remove();
            MDC.remove(MDC_KEY);
        } else {
            CURRENT.set(requestId);
            MDC.put(MDC_KEY, requestId);
        }
    }

    /** This thread's current id, or null. */
    public static String current() {
        return CURRENT.get();
    }
}
