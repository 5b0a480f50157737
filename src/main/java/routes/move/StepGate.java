package routes.move;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A test hook (documented in the README): holds the mover at a named point of a migration, so a
 * test can act there (corrupt the copy before it is verified, kill the process inside the switch)
 * and then let it go on. The points are the states ("verifying", "switching", ...) just before they
 * are entered, and "copy-object", "verify-object", "switch-commit", "delete-object" inside the
 * steps. With {@code dim.test.pause-at} set, the gate holds there from start-up and marks the held
 * point with a file {@code held-<point>} in the data directory, for tests that kill the process.
 * Unused, it does nothing.
 */
public final class StepGate {

    private final Path markers;

    public StepGate(Path markers) {
        this.markers = markers;
    }

    private volatile String holdBefore;
    private volatile CountDownLatch held = new CountDownLatch(1);
    private volatile CountDownLatch released = new CountDownLatch(0);

    /** The next job to reach {@code state} waits there until {@link #release()}. */
    public synchronized void holdBefore(String state) {
        held = new CountDownLatch(1);
        released = new CountDownLatch(1);
        holdBefore = state;
    }

    /** Waits until a job is held; true if one was within the time. */
    public boolean awaitHeld(long seconds) throws InterruptedException {
        return held.await(seconds, TimeUnit.SECONDS);
    }

    public void release() {
        holdBefore = null;
        released.countDown();
    }

    /** Lets the held job go on, and holds the next job that reaches {@code state}. */
    public synchronized void releaseAndHoldBefore(String state) {
        CountDownLatch current = released;
        holdBefore(state);
        current.countDown();
    }

    void pass(String point) {
        if (point.equals(holdBefore)) {
            CountDownLatch wait = released;
            holdBefore = null;
            held.countDown();
            mark(point);
            try {
                wait.await(10, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void mark(String point) {
        if (markers == null) {
            return;
        }
        try {
            Files.writeString(markers.resolve("held-" + point), point);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
