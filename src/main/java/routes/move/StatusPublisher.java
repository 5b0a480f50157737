package routes.move;

import java.time.Clock;

import org.apache.camel.ProducerTemplate;

/** Hands a job's transition or progress to the {@code publish-status} route (and so to
 *  {@code migration_status}, the jobs timeline and SSE clients). */
public final class StatusPublisher {

    private final ProducerTemplate producer;
    private final Clock clock;

    public StatusPublisher(ProducerTemplate producer, Clock clock) {
        this.producer = producer;
        this.clock = clock;
    }

    public void publish(MigrationJob job) {
        producer.sendBody("direct:publish-status", StatusEvent.of(job, clock.instant()));
    }
}
