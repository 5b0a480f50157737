package routes.move;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A test hook (documented in the README): holds the mover just before it enters a named state, so
 * a test can act at an exact point of a migration (corrupt the copy before it is verified, kill the
 * process before the switch) and then let it go on. Unused, it does nothing.
 */
public final class StepGate {

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

    void pass(JobState state) {
        if (state.json().equals(holdBefore)) {
            CountDownLatch wait = released;
            holdBefore = null;
            held.countDown();
            try {
                wait.await(10, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
