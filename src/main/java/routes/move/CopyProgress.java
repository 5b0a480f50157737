package routes.move;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Bytes and objects done across a job's parallel copies, published every {@code progressEvery} bytes
 *  and at each object, but not more often than every {@code progressGap}: each publication is a
 *  SQL update and a Kafka round trip, which would slow a fast copy down. */
final class CopyProgress {

    private final JobRepository jobs;
    private final StatusPublisher status;
    private final MigrationJob job;
    private final long progressEvery;
    private final long progressGapNanos;
    private final long totalBytes;
    private final int totalObjects;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicInteger objects = new AtomicInteger();
    private long nextReport;
    private long lastPublished = System.nanoTime();

    CopyProgress(JobRepository jobs, StatusPublisher status, MigrationJob job, long progressEvery,
                 long progressGapNanos, long totalBytes, int totalObjects) {
        this.jobs = jobs;
        this.status = status;
        this.job = job;
        this.progressEvery = progressEvery;
        this.progressGapNanos = progressGapNanos;
        this.totalBytes = totalBytes;
        this.totalObjects = totalObjects;
        this.nextReport = progressEvery;
        jobs.progress(job.id(), 0, totalBytes, 0, totalObjects);
    }

    void bytes(long delta) {
        long done = bytes.addAndGet(delta);
        synchronized (this) {
            if (done < nextReport) {
                return;
            }
            nextReport = done + progressEvery;
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
            if (now - lastPublished < progressGapNanos) {
                return;
            }
            lastPublished = now;
        }
        publish();
    }

    void finish() {
        jobs.progress(job.id(), bytes.get(), totalBytes, objects.get(), totalObjects);
    }

    private synchronized void publish() {
        jobs.progress(job.id(), bytes.get(), totalBytes, objects.get(), totalObjects);
        status.publish(jobs.find(job.id()).orElseThrow());
    }
}
