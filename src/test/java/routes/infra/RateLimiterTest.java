package routes.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong();
    private final RateLimiter limiter = new RateLimiter(2, 4, now::get);

    @Test
    void aBurstPassesThenTheClientWaitsForTheRefill() {
        for (int i = 0; i < 4; i++) {
            assertThat(limiter.acquire("a")).isZero();
        }
        assertThat(limiter.acquire("a")).as("seconds to wait").isEqualTo(1);
        now.addAndGet(500_000_000L); // half a second: one token at 2/s
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isEqualTo(1);
    }

    @Test
    void clientsHaveTheirOwnBuckets() {
        for (int i = 0; i < 4; i++) {
            limiter.acquire("a");
        }
        assertThat(limiter.acquire("a")).isPositive();
        assertThat(limiter.acquire("b")).isZero();
    }

    @Test
    void theBucketNeverHoldsMoreThanTheBurst() {
        now.addAndGet(3_600_000_000_000L);
        for (int i = 0; i < 4; i++) {
            assertThat(limiter.acquire("c")).isZero();
        }
        assertThat(limiter.acquire("c")).isPositive();
    }

    @Test
    void zeroMeansNoLimit() {
        RateLimiter off = new RateLimiter(0, 0, now::get);
        for (int i = 0; i < 10_000; i++) {
            assertThat(off.acquire("a")).isZero();
        }
    }

    @Test
    void slowRatesAskForLongerWaits() {
        RateLimiter slow = new RateLimiter(0.1, 1, now::get);
        assertThat(slow.acquire("a")).isZero();
        assertThat(slow.acquire("a")).isEqualTo(10);
    }
}
