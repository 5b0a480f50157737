package routes.move;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** The mover's own meters: transitions by state, bytes migrated, injected failures, durations. */
public final class MoveMetrics {

    private final MeterRegistry registry;
    private final Counter bytesMigrated;
    private final Counter failuresInjected;
    private final Counter objectsCopied;
    private final Timer duration;

    public MoveMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.bytesMigrated = Counter.builder("dim.bytes.migrated").baseUnit("bytes")
                .description("Bytes copied and verified by completed migrations").register(registry);
        this.failuresInjected = Counter.builder("dim.failures.injected")
                .description("Failures injected through the API").register(registry);
        this.objectsCopied = Counter.builder("dim.objects.copied")
                .description("Objects written to a migration's target (a resumed job skips verified ones)")
                .register(registry);
        this.duration = Timer.builder("dim.migration.duration").description("Time from first copy to completion")
                .publishPercentileHistogram().register(registry);
    }

    public void transition(JobState state) {
        registry.counter("dim.job.transitions", "state", state.json()).increment();
    }

    public void completed(long bytes, Duration took) {
        bytesMigrated.increment(bytes);
        duration.record(took);
    }

    public void objectCopied() {
        objectsCopied.increment();
    }

    public void failureInjected() {
        failuresInjected.increment();
    }
}
