package routes.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import routes.catalog.Tier;

class RecencyFrequencyClassifierTest {

    private final Instant now = Instant.parse("2026-06-01T00:00:00Z");
    private final RecencyFrequencyClassifier classifier = new RecencyFrequencyClassifier(
            new RuleParams(10, Duration.ofDays(1), Duration.ofDays(30), Duration.ofDays(7)), "test");

    private RecencyFrequencyClassifier.Classification classify(long accesses, Duration idle) {
        return classifier.classify(new AccessStats(1, accesses, 0, now.minus(idle), now.minus(Duration.ofDays(400))), now);
    }

    @Test
    void busyAndRecentIsHot() {
        var c = classify(40, Duration.ofMinutes(5));
        assertThat(c.tier()).isEqualTo(Tier.HOT);
        assertThat(c.confidence()).isGreaterThan(0.9);
        assertThat(c.reason()).contains("40 accesses").contains("hot needs >= 10");
    }

    @Test
    void justAtTheThresholdIsHotWithLowConfidence() {
        var c = classify(10, Duration.ofMinutes(5));
        assertThat(c.tier()).isEqualTo(Tier.HOT);
        assertThat(c.confidence()).isEqualTo(0.5);
    }

    @Test
    void occasionalIsWarm() {
        assertThat(classify(3, Duration.ofHours(2)).tier()).isEqualTo(Tier.WARM);
        assertThat(classify(50, Duration.ofDays(3)).tier()).as("busy once, idle for days").isEqualTo(Tier.WARM);
    }

    @Test
    void untouchedForLongIsCold() {
        var c = classify(0, Duration.ofDays(90));
        assertThat(c.tier()).isEqualTo(Tier.COLD);
        assertThat(c.confidence()).isEqualTo(1.0);
        var never = classifier.classify(new AccessStats(1, 0, 0, null, now.minus(Duration.ofDays(45))), now);
        assertThat(never.tier()).isEqualTo(Tier.COLD);
        assertThat(never.reason()).contains("never accessed");
    }

    @Test
    void newParametersApplyAtOnce() {
        classifier.use(new RuleParams(100, Duration.ofDays(1), Duration.ofDays(30), Duration.ofDays(7)), "v2");
        assertThat(classify(40, Duration.ofMinutes(5)).tier()).isEqualTo(Tier.WARM);
        assertThat(classifier.version()).isEqualTo("v2");
    }
}
