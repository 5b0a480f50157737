package routes.move;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Bytes and objects done across a job's parallel copies, published every {@code every} bytes
 *  and at each object, but not more often than every {@code gapNanos}: each publication is a
 *  SQL update and a Kafka round trip, which would slow a fast copy down. */
final class CopyProgress {

    /** Where and how often progress goes: the same for every job of a step. */
    record Publishing(JobRepository jobs, StatusPublisher status, long every, long gapNanos) {
    }

    private final Publishing to;
    private final MigrationJob job;
    private final long totalBytes;
    private final int totalObjects;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicInteger objects = new AtomicInteger();
    private final AtomicBoolean publishing = new AtomicBoolean();
    private long nextReport;
    private long lastPublished = System.nanoTime();

    CopyProgress(Publishing to, MigrationJob job, long totalBytes, int totalObjects) {
        this.to = to;
        this.job = job;
        this.totalBytes = totalBytes;
        this.totalObjects = totalObjects;
        this.nextReport = to.every();
        to.jobs().progress(job.id(), 0, totalBytes, 0, totalObjects);
    }

    void bytes(long delta) {
        long done = bytes.addAndGet(delta);
        synchronized (this) {
            if (done < nextReport) {
                return;
            }
            nextReport = done + to.every();
        }
        publishIfDue();
    }

    void objectDone(long remainingBytes) {
        bytes.addAndGet(remainingBytes);
        objects.incrementAndGet();
        publishIfDue();
    }

    private void publishIfDue() {
        synchronized (this) {
            long now = System.nanoTime();
            if (now - lastPublished < to.gapNanos()) {
                return;
            }
            lastPublished = now;
        }
        publish();
    }

    void finish() {
        to.jobs().progress(job.id(), bytes.get(), totalBytes, objects.get(), totalObjects);
    }

    /** Publishes unless another worker is publishing: that one's figures are as good, and waiting for
     *  its SQL update and Kafka round trip held every worker. */
    private void publish() {
        if (!publishing.compareAndSet(false, true)) {
            return;
        }
        try {
            to.jobs().progress(job.id(), bytes.get(), totalBytes, objects.get(), totalObjects);
            to.status().publish(to.jobs().find(job.id()).orElseThrow());
        } finally {
            publishing.set(false);
        }
    }
}
