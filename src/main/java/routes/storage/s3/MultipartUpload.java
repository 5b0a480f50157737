package routes.storage.s3;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

import routes.storage.Failures;
import routes.storage.ObjectKeys;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;

/**
 * One multipart upload: its parts (uploaded bytes, or byte ranges the server copies) are sent in order,
 * a few at a time; the first part that fails stops the rest; and the upload either completes, its ETag
 * foretold from the parts' MD5s, or is aborted, so nothing half-written stays stored.
 */
final class MultipartUpload {

    /** S3 takes at most 10,000 parts per object. */
    static final int MAX_PARTS = 10_000;

    /** Sends part {@code number} and returns the ETag S3 answered. */
    @FunctionalInterface
    interface PartCall {
        String send(int number) throws IOException;
    }

    /** One part sent: what completing the upload names it by, and the MD5 of its bytes (null: not
     *  worked out). */
    private record Part(CompletedPart part, byte[] md5) {
    }

    private final S3Client s3;
    private final ExecutorService pool;
    private final ObjectKeys at;
    private final String objectKey;
    private final String uploadId;
    private final Semaphore inFlight;
    private final List<Future<Part>> parts = new ArrayList<>();
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    private MultipartUpload(S3Client s3, ExecutorService pool, ObjectKeys at, String objectKey, String uploadId,
                            int concurrency) {
        this.s3 = s3;
        this.pool = pool;
        this.at = at;
        this.objectKey = objectKey;
        this.uploadId = uploadId;
        this.inFlight = new Semaphore(concurrency);
    }

    /** Creates the upload; {@code concurrency} parts are sent at once. */
    static MultipartUpload start(S3Client s3, ExecutorService pool, ObjectKeys at,
                                 CreateMultipartUploadRequest create, int concurrency) throws IOException {
        String uploadId = S3Store.call(at, () -> s3.createMultipartUpload(create).uploadId());
        return new MultipartUpload(s3, pool, at, create.key(), uploadId, concurrency);
    }

    /** The part size for an object of {@code size} bytes: the configured one, or larger, in whole MiB,
     *  where the object would otherwise need more parts than S3 takes (with 8 MiB parts, beyond 78 GiB). */
    static long partSize(long size, long configured) {
        long mib = 1L << 20;
        long needed = (size + MAX_PARTS - 1) / MAX_PARTS;
        return Math.max(configured, (needed + mib - 1) / mib * mib);
    }

    String id() {
        return uploadId;
    }

    /** Waits until another part may be sent (call it before reading that part, so no more parts than
     *  that are in memory), and throws the failure of a part sent earlier: the caller then stops. */
    void awaitTurn() throws IOException, InterruptedException {
        inFlight.acquire();
        Exception failed = failure.get();
        if (failed != null) {
            inFlight.release();
            throw Failures.asIoException(failed);
        }
    }

    /** Sends the next part on the pool; {@code md5} gives the MD5 of its bytes once it is sent (null:
     *  not worked out). */
    void send(PartCall call, Callable<byte[]> md5) {
        int number = parts.size() + 1;
        parts.add(pool.submit(() -> {
            try {
                if (failure.get() != null) {
                    throw new IOException("upload abandoned after another part failed");
                }
                String etag = call.send(number);
                return new Part(CompletedPart.builder().partNumber(number).eTag(etag).build(), md5.call());
            } catch (Exception e) {
                failure.compareAndSet(null, e); // stops the caller: no point sending more parts
                throw e;
            } finally {
                inFlight.release();
            }
        }));
    }

    /** Completes the upload once each part is in, and returns its ETag when the one foretold from the
     *  parts' MD5s is what S3 answered, part by part and for the whole; null otherwise (or when
     *  {@code predictable} is false: S3's ETags there are no MD5s). */
    String complete(boolean predictable) throws IOException, InterruptedException, ExecutionException {
        List<CompletedPart> completed = new ArrayList<>(parts.size());
        List<byte[]> md5s = new ArrayList<>(parts.size());
        boolean partsMatch = predictable;
        for (Future<Part> sent : parts) {
            Part p = sent.get();
            completed.add(p.part());
            partsMatch &= p.md5() != null && ETags.single(p.md5()).equals(ETags.unquoted(p.part().eTag()));
            md5s.add(p.md5());
        }
        String etag = ETags.unquoted(S3Store.call(at, () -> s3.completeMultipartUpload(b -> b.bucket(at.bucket())
                .key(objectKey).uploadId(uploadId)
                .multipartUpload(CompletedMultipartUpload.builder().parts(completed).build()))).eTag());
        return ETags.confirmed(partsMatch ? ETags.multipart(md5s) : null, etag);
    }

    /** Aborts the upload once no part is in flight any more (one landing after the abort would stay
     *  stored), and returns {@code failed} as the storage contract's failure, to throw. */
    IOException abandon(Exception failed) {
        failure.compareAndSet(null, failed);
        settle();
        try {
            s3.abortMultipartUpload(b -> b.bucket(at.bucket()).key(objectKey).uploadId(uploadId));
        } catch (SdkException ignored) {
            // the upload expires by the bucket's lifecycle; nothing became visible
        }
        if (failed instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new IOException("interrupted", failed);
        }
        return Failures.asIoException(failed instanceof ExecutionException ? failed.getCause() : failed);
    }

    /** Waits until every part sent has ended, whatever its outcome: parts not yet started skip their
     *  request once a failure is set, so this takes at most one part's time. */
    private void settle() {
        boolean interrupted = false;
        for (Future<Part> part : parts) {
            while (true) {
                try {
                    part.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException | CancellationException e) {
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
