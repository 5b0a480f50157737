package routes.infra;

import java.util.concurrent.TimeUnit;

import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Knows when Camel is reloading the routes (dim.routes.dir): from the first route stopped or
 * removed while the service runs until every reloaded route has started again. In between the HTTP routes are
 * gone or half back, so the edge answers 503 with Retry-After instead of 404 or 500. A reload that
 * fails (a broken file) stops counting as one after a while. Without live reload (no dim.routes.dir)
 * a stopped route is an operator's or a test's doing, never a reload, and is not watched.
 */
public final class RouteReloads extends EventNotifierSupport {

    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final boolean liveReload;
    private volatile long startedAt;
    private volatile boolean reloading;

    public RouteReloads(boolean liveReload) {
        this.liveReload = liveReload;
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return liveReload && (event instanceof CamelEvent.RouteStoppedEvent || event instanceof CamelEvent.RouteRemovedEvent
                || event instanceof CamelEvent.RouteReloadedEvent);
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof CamelEvent.RouteReloadedEvent reloaded) {
            if (reloaded.getIndex() >= reloaded.getTotal()) {
                reloading = false;
            }
        } else if (getCamelContext() != null && getCamelContext().isStarted() && !reloading) {
            startedAt = System.nanoTime();
            reloading = true;
        }
    }

    /** Whether routes are being reloaded right now. */
    public boolean inProgress() {
        return reloading && System.nanoTime() - startedAt < GIVE_UP_NANOS;
    }
}
