package routes.infra;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per client (an API key's name, or a remote address when keys are off): each holds
 * up to {@code burst} requests and refills at {@code perSecond}. A request takes one token; with
 * none left it is refused and told how long until the next one.
 */
public final class RateLimiter {

    /** Buckets kept before idle (full) ones are dropped, so many distinct addresses cannot grow
     *  the map without bound. */
    private static final int MAX_CLIENTS = 10_000;

    private final double perSecond;
    private final double burst;
    private final LongSupplier nanos;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** {@code perSecond} 0 or less: no limit. */
    public RateLimiter(double perSecond, double burst, LongSupplier nanos) {
        this.perSecond = perSecond;
        this.burst = Math.max(1, burst);
        this.nanos = nanos;
    }

    public boolean enabled() {
        return perSecond > 0;
    }

    /** Takes a token for {@code client}: 0 when the request may go ahead, else the whole seconds
     *  (at least 1) until the client has a token again. */
    public long acquire(String client) {
        if (!enabled()) {
            return 0;
        }
        if (buckets.size() > MAX_CLIENTS) {
            long now = nanos.getAsLong();
            buckets.values().removeIf(b -> b.full(now));
        }
        return buckets.computeIfAbsent(client, c -> new Bucket(burst, nanos.getAsLong())).take(nanos.getAsLong());
    }

    private final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }

        synchronized long take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
        }

        synchronized boolean full(long now) {
            refill(now);
            return tokens >= burst;
        }

        private void refill(long now) {
            tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * perSecond);
            refilledAt = now;
        }
    }
}
