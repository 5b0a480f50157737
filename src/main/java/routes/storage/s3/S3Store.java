package routes.storage.s3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import routes.storage.CopyAlongside;
import routes.storage.Encryption;
import routes.storage.InvalidLocationException;
import routes.storage.Md5;
import routes.storage.ObjectKeys;
import routes.storage.ObjectStore;
import routes.storage.StoreRefused;
import routes.storage.StoredObject;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * S3 and S3-compatible stores (MinIO, S3Proxy, ...) through the AWS SDK v2 client, the one Camel's
 * aws2-s3 component uses. Objects up to one part are a single PUT; larger ones a multipart upload
 * whose parts are read in order and uploaded a few at a time, so memory stays at a few parts per
 * transfer whatever the object's size.
 */
public final class S3Store implements ObjectStore {

    /** How objects are written: part size, parts uploaded at once per object, and the server-side
     *  encryption of a store that registers none. */
    public record Options(long partSizeBytes, int uploadConcurrency, Encryption encryption,
                          long largestSingleCopyBytes) {

        /** S3 copies at most 5 GiB in one CopyObject. */
        public static final long LARGEST_SINGLE_COPY = 5L << 30;

        public Options(long partSizeBytes, int uploadConcurrency, Encryption encryption) {
            this(partSizeBytes, uploadConcurrency, encryption, LARGEST_SINGLE_COPY);
        }
    }

    private final S3Client s3;
    private final Options options;
    private final ExecutorService parts = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "s3-part-upload");
        t.setDaemon(true);
        return t;
    });

    public S3Store(S3Client s3, Options options) {
        this.s3 = s3;
        this.options = options;
    }

    @Override
    public String scheme() {
        return "s3";
    }

    @Override
    public void validate(URI location) {
        ObjectKeys.of(location);
    }

    @Override
    public void list(URI location, Listing each) throws IOException {
        ObjectKeys at = ObjectKeys.of(location);
        String prefix = at.prefix();
        call(at, () -> {
            // the paginator fetches the next page of 1,000 keys only when this one is consumed
            for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(at.bucket()).prefix(at.key())).contents()) {
                if (o.key().equals(at.key())) {
                    // a single object, listed first
                    each.accept(new StoredObject("", o.size(), ETags.unquoted(o.eTag())));
                    return null;
                }
                if (o.key().startsWith(prefix) && !o.key().endsWith("/")) {
                    each.accept(new StoredObject(o.key().substring(prefix.length()), o.size(),
                            ETags.unquoted(o.eTag())));
                }
            }
            return null;
        });
    }

    @Override
    public Optional<StoredObject> stat(URI location, String key) throws IOException {
        ObjectKeys at = ObjectKeys.of(location);
        try {
            HeadObjectResponse head = call(at, () -> s3.headObject(b -> b.bucket(at.bucket()).key(at.object(key))));
            return Optional.of(new StoredObject(key, head.contentLength(), ETags.unquoted(head.eTag())));
        } catch (StoreRefused e) {
            if (e.getCause() instanceof NoSuchKeyException) {
                return Optional.empty();
            }
            throw e;
        } catch (IOException e) {
            if (e.getCause() instanceof S3Exception s && s.statusCode() == 404) {
                return Optional.empty(); // HEAD has no body, so no NoSuchKey code
            }
            throw e;
        }
    }

    @Override
    public InputStream openRead(URI location, String key) throws IOException {
        ObjectKeys at = ObjectKeys.of(location);
        return call(at, () -> s3.getObject(b -> b.bucket(at.bucket()).key(at.object(key))));
    }

    /** Returns the ETag the store will list, when it is the MD5 worked out here from the bytes sent and
     *  the store's answers agreed with it part by part; null otherwise (under a KMS key, or an
     *  S3-compatible server whose ETags are no MD5s). */
    @Override
    public String write(URI location, String key, InputStream in, long size, String storageClass,
                        Encryption encryption)
            throws IOException {
        ObjectKeys at = ObjectKeys.of(location);
        String objectKey = at.object(key);
        boolean predictable = etagIsMd5(encryption);
        long partSize = partSize(size, options.partSizeBytes());
        if (size <= partSize) {
            byte[] body = readPart(in, (int) size, size);
            PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(at.bucket()).key(objectKey)
                    .contentLength(size).storageClass(storageClass);
            encrypt(encryption, put::serverSideEncryption, put::ssekmsKeyId);
            String etag = ETags.unquoted(call(at, () -> s3.putObject(put.build(), bytes(body))).eTag());
            return ETags.confirmed(predictable ? ETags.single(Md5.of(body)) : null, etag);
        }
        String uploadId = startUpload(at, objectKey, storageClass, encryption);
        // parts are read in order (the source is one stream, hashed as it is read) and uploaded a few at
        // a time: memory is about that many parts per transfer
        Semaphore inFlight = new Semaphore(concurrency(partSize));
        List<Future<Uploaded>> uploads = new ArrayList<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try {
            long remaining = size;
            for (int number = 1; remaining > 0; number++) {
                inFlight.acquire(); // before reading: at most that many parts in memory
                rethrow(failure.get());
                int length = (int) Math.min(partSize, remaining);
                byte[] part = readPart(in, length, remaining);
                int n = number;
                uploads.add(parts.submit(() -> {
                    try {
                        if (failure.get() != null) {
                            throw new IOException("upload abandoned after another part failed");
                        }
                        String etag = call(at, () -> s3.uploadPart(b -> b.bucket(at.bucket()).key(objectKey)
                                .uploadId(uploadId).partNumber(n).contentLength((long) length),
                                bytes(part)).eTag());
                        return new Uploaded(CompletedPart.builder().partNumber(n).eTag(etag).build(),
                                predictable ? Md5.of(part) : null);
                    } catch (IOException | RuntimeException e) {
                        failure.compareAndSet(null, e); // stops reading the source: no point sending more parts
                        throw e;
                    } finally {
                        inFlight.release();
                    }
                }));
                remaining -= length;
            }
            return completeUpload(at, objectKey, uploadId, uploads, predictable);
        } catch (InterruptedException | ExecutionException | IOException | RuntimeException e) {
            failure.compareAndSet(null, e);
            throw abandonUpload(at, objectKey, uploadId, uploads, e);
        }
    }

    /** S3 takes at most 10,000 parts per object. */
    static final int MAX_PARTS = 10_000;

    /** The part size for an object of {@code size} bytes: the configured one, or larger, in whole MiB,
     *  where the object would otherwise need more parts than S3 takes (with 8 MiB parts, beyond 78 GiB). */
    public static long partSize(long size, long configured) {
        long mib = 1L << 20;
        long needed = (size + MAX_PARTS - 1) / MAX_PARTS;
        return Math.max(configured, (needed + mib - 1) / mib * mib);
    }

    /** Parts of one object uploaded at once: fewer when the parts had to grow, so a transfer holds no
     *  more bytes than the configured parts and concurrency say, but always at least one part. */
    private int concurrency(long partSize) {
        return (int) Math.max(1, Math.min(options.uploadConcurrency(),
                options.uploadConcurrency() * options.partSizeBytes() / partSize));
    }

    private String startUpload(ObjectKeys at, String objectKey, String storageClass, Encryption encryption)
            throws IOException {
        CreateMultipartUploadRequest.Builder create = CreateMultipartUploadRequest.builder().bucket(at.bucket())
                .key(objectKey).storageClass(storageClass);
        encrypt(encryption, create::serverSideEncryption, create::ssekmsKeyId);
        return call(at, () -> s3.createMultipartUpload(create.build()).uploadId());
    }

    /** Completes an upload once each part is in, and returns its ETag when the one foretold from the
     *  parts' MD5s is what S3 answered, part by part and for the whole; null otherwise. */
    private String completeUpload(ObjectKeys at, String objectKey, String uploadId, List<Future<Uploaded>> uploads,
                                  boolean predictable) throws IOException, InterruptedException, ExecutionException {
        List<CompletedPart> completed = new ArrayList<>(uploads.size());
        List<byte[]> md5s = new ArrayList<>(uploads.size());
        boolean partsMatch = predictable;
        for (Future<Uploaded> upload : uploads) {
            Uploaded u = upload.get();
            completed.add(u.part());
            partsMatch &= u.md5() != null && ETags.single(u.md5()).equals(ETags.unquoted(u.part().eTag()));
            md5s.add(u.md5());
        }
        String etag = ETags.unquoted(call(at, () -> s3.completeMultipartUpload(b -> b.bucket(at.bucket())
                .key(objectKey).uploadId(uploadId)
                .multipartUpload(CompletedMultipartUpload.builder().parts(completed).build()))).eTag());
        return ETags.confirmed(partsMatch ? ETags.multipart(md5s) : null, etag);
    }

    /** Aborts a failed upload once no part is in flight any more (one landing after the abort would
     *  stay stored), and returns the failure to throw, as the storage contract's. */
    private IOException abandonUpload(ObjectKeys at, String objectKey, String uploadId, List<Future<Uploaded>> uploads,
                                      Exception failure) {
        settle(uploads);
        try {
            s3.abortMultipartUpload(b -> b.bucket(at.bucket()).key(objectKey).uploadId(uploadId));
        } catch (SdkException ignored) {
            // the upload expires by the bucket's lifecycle; nothing became visible
        }
        if (failure instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new IOException("interrupted", failure);
        }
        return asIoException(failure instanceof ExecutionException ? failure.getCause() : failure);
    }

    /** CopyObject within the store's endpoint (also across buckets): the server copies the bytes while
     *  the service reads the source once, to hash it and to work out its MD5, which is the copy's ETag (a
     *  copied object is one part, whatever the source was). If the source changed meanwhile, the ETags
     *  differ and nothing is foretold: the verify step then reads the copy back against the hash. An
     *  object larger than one CopyObject may copy (5 GiB on S3) is copied part by part by the server. */
    @Override
    public String copyWithin(URI fromLocation, URI location, String key, InputStream source, long size,
                             String storageClass, Encryption encryption) throws IOException {
        ObjectKeys from = ObjectKeys.of(fromLocation);
        ObjectKeys at = ObjectKeys.of(location);
        if (size > options.largestSingleCopyBytes()) {
            return copyInParts(from, at, key, source, size, storageClass, encryption);
        }
        CopyObjectRequest.Builder copy = CopyObjectRequest.builder().sourceBucket(from.bucket())
                .sourceKey(from.object(key)).destinationBucket(at.bucket()).destinationKey(at.object(key))
                .storageClass(storageClass);
        encrypt(encryption, copy::serverSideEncryption, copy::ssekmsKeyId);
        CopyAlongside.Done<String, byte[]> done = CopyAlongside.run(
                () -> ETags.unquoted(call(at, () -> s3.copyObject(copy.build())).copyObjectResult().eTag()),
                () -> Md5.of(source, size), () -> {
                    delete(location, key);
                    return null;
                });
        return ETags.confirmed(etagIsMd5(encryption) ? ETags.single(done.read()) : null, done.copy());
    }

    /** A multipart upload whose parts the server copies from the source's byte ranges (UploadPartCopy), a
     *  few at a time, while the source is read once in order to hash it and to work out each part's MD5:
     *  no bytes are sent back up, and the copy's ETag is foretold as a multipart upload's. */
    private String copyInParts(ObjectKeys from, ObjectKeys at, String key, InputStream source, long size,
                               String storageClass, Encryption encryption) throws IOException {
        String objectKey = at.object(key);
        boolean predictable = etagIsMd5(encryption);
        long partSize = partSize(size, options.partSizeBytes());
        String uploadId = startUpload(at, objectKey, storageClass, encryption);
        Semaphore inFlight = new Semaphore(options.uploadConcurrency()); // requests; they hold no bytes here
        List<Future<Uploaded>> copies = new ArrayList<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try {
            for (long offset = 0; offset < size; offset += partSize) {
                inFlight.acquire();
                rethrow(failure.get());
                long first = offset;
                long last = Math.min(size, offset + partSize) - 1;
                int n = copies.size() + 1;
                CompletableFuture<byte[]> md5 = new CompletableFuture<>();
                copies.add(parts.submit(() -> {
                    try {
                        String etag = call(at, () -> s3.uploadPartCopy(b -> b.sourceBucket(from.bucket())
                                .sourceKey(from.object(key)).destinationBucket(at.bucket()).destinationKey(objectKey)
                                .uploadId(uploadId).partNumber(n).copySourceRange("bytes=" + first + "-" + last))
                                .copyPartResult().eTag());
                        return new Uploaded(CompletedPart.builder().partNumber(n).eTag(etag).build(), md5.get());
                    } catch (IOException | RuntimeException e) {
                        failure.compareAndSet(null, e);
                        throw e;
                    } finally {
                        inFlight.release();
                    }
                }));
                try {
                    md5.complete(Md5.ofNext(source, last - first + 1)); // while the server copies the range
                } catch (IOException | RuntimeException e) {
                    md5.completeExceptionally(e);
                    throw e;
                }
            }
            return completeUpload(at, objectKey, uploadId, copies, predictable);
        } catch (InterruptedException | ExecutionException | IOException | RuntimeException e) {
            failure.compareAndSet(null, e);
            throw abandonUpload(at, objectKey, uploadId, copies, e);
        }
    }

    /** Under a KMS key S3's ETag is no MD5: no point working one out. */
    private boolean etagIsMd5(Encryption registered) {
        return registered.or(options.encryption()).kind() != Encryption.Kind.SSE_KMS;
    }

    /** A failure as the storage contract's: an IOException as it is, a runtime exception thrown as it
     *  is, anything else wrapped. */
    private static IOException asIoException(Throwable failure) {
        if (failure instanceof IOException io) {
            return io;
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        return new IOException(failure);
    }

    /** Rethrows a part's failure on the thread reading the source, which then stops. */
    private static void rethrow(Exception failure) throws IOException {
        if (failure != null) {
            throw asIoException(failure);
        }
    }

    /** One part sent: what completing the upload names it by, and the MD5 of its bytes (null: not
     *  worked out). */
    private record Uploaded(CompletedPart part, byte[] md5) {
    }

    /** The next {@code length} bytes of the source, {@code remaining} of which are still expected. */
    private static byte[] readPart(InputStream in, int length, long remaining) throws IOException {
        byte[] part = new byte[length];
        int read = in.readNBytes(part, 0, length); // into the part itself: no chunk list copied together
        if (read != length) {
            throw new IOException("the source ended " + (remaining - read) + " bytes early");
        }
        return part;
    }

    /** A body the SDK can read twice (once to sign its SHA-256, once to send) without copying it:
     *  signed in one piece, not in aws-chunked signed chunks, which cost both ends CPU per object. */
    private static RequestBody bytes(byte[] body) {
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(body), body.length,
                "application/octet-stream");
    }

    /** Waits until every submitted part upload has ended, whatever its outcome: parts not yet
     *  started skip their upload once {@code failed} is set, so this takes at most one part's time. */
    private static void settle(List<Future<Uploaded>> uploads) {
        boolean interrupted = false;
        for (Future<Uploaded> upload : uploads) {
            while (true) {
                try {
                    upload.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException | java.util.concurrent.CancellationException e) {
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void delete(URI location, String key) throws IOException {
        ObjectKeys at = ObjectKeys.of(location);
        call(at, () -> s3.deleteObject(b -> b.bucket(at.bucket()).key(at.object(key))));
    }

    /** DeleteObjects: up to 1,000 keys per request, as S3 allows. */
    @Override
    public void deleteAll(URI location, List<String> keys) throws IOException {
        ObjectKeys at = ObjectKeys.of(location);
        for (int from = 0; from < keys.size(); from += 1000) {
            List<ObjectIdentifier> ids = keys.subList(from, Math.min(keys.size(), from + 1000)).stream()
                    .map(k -> ObjectIdentifier.builder().key(at.object(k)).build()).toList();
            DeleteObjectsResponse response = call(at, () -> s3.deleteObjects(b -> b.bucket(at.bucket())
                    .delete(d -> d.objects(ids).quiet(true))));
            if (response.hasErrors() && !response.errors().isEmpty()) {
                S3Error first = response.errors().get(0);
                String message = "S3 refused to delete " + response.errors().size() + " object(s) of s3://"
                        + at.bucket() + ", first '" + first.key() + "': " + first.code() + " " + first.message();
                throw "AccessDenied".equals(first.code()) ? new StoreRefused(message, null) : new IOException(message);
            }
        }
    }

    @Override
    public String health() {
        return "UP";
    }

    /** Asks S3 for the store's encryption (else the configured one) on a put or a multipart create. */
    private void encrypt(Encryption registered, Consumer<ServerSideEncryption> sse, Consumer<String> kmsKeyId) {
        Encryption e = registered.or(options.encryption());
        if (e.kind() == Encryption.Kind.SSE_S3) {
            sse.accept(ServerSideEncryption.AES256);
        } else if (e.kind() == Encryption.Kind.SSE_KMS) {
            sse.accept(ServerSideEncryption.AWS_KMS);
            if (e.key() != null) {
                kmsKeyId.accept(e.key());
            }
        }
    }

    /** Runs one S3 call, turning the SDK's errors into the storage contract's. */
    private static <T> T call(ObjectKeys at, SdkCall<T> call) throws IOException {
        try {
            return call.run();
        } catch (NoSuchBucketException e) {
            throw new StoreRefused("bucket '" + at.bucket() + "' does not exist", e);
        } catch (NoSuchKeyException e) {
            throw new StoreRefused("no object '" + at.key() + "' in bucket '" + at.bucket() + "'", e);
        } catch (S3Exception e) {
            if (e.statusCode() == 403 || e.statusCode() == 401) {
                throw new StoreRefused("access to s3://" + at.bucket() + " denied: "
                        + e.awsErrorDetails().errorMessage(), e);
            }
            throw new IOException("S3 " + e.statusCode() + ": " + e.getMessage(), e);
        } catch (SdkClientException e) {
            if (String.valueOf(e.getMessage()).contains("credentials")) {
                throw new StoreRefused("no S3 credentials: set dim.s3.access-key/secret-key or the AWS "
                        + "credential chain", e);
            }
            throw new IOException("S3 unreachable: " + e.getMessage(), e);
        } catch (InvalidLocationException e) {
            throw e;
        }
    }

    @FunctionalInterface
    private interface SdkCall<T> {
        T run() throws IOException;
    }
}
