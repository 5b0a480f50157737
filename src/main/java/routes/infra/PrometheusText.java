package routes.infra;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** {@code GET /metrics}: every meter (Camel's routes, the JVM, the pipeline's own) as Prometheus text. */
public final class PrometheusText {

    private final PrometheusMeterRegistry registry;

    public PrometheusText(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    public String scrape() {
        return registry.scrape();
    }
}
