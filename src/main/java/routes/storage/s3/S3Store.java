package routes.storage.s3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
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

    /** How objects are written: part size, parts uploaded at once per object, the server-side
     *  encryption of a store that registers none, and the largest object copied with one CopyObject. */
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
        long partSize = MultipartUpload.partSize(size, options.partSizeBytes());
        if (size <= partSize) {
            byte[] body = readPart(in, (int) size, size);
            PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(at.bucket()).key(objectKey)
                    .contentLength(size).storageClass(storageClass);
            encrypt(encryption, put::serverSideEncryption, put::ssekmsKeyId);
            String etag = ETags.unquoted(call(at, () -> s3.putObject(put.build(), bytes(body))).eTag());
            return ETags.confirmed(predictable ? ETags.single(Md5.of(body)) : null, etag);
        }
        // parts are read in order (the source is one stream, hashed as it is read) and uploaded a few at
        // a time: memory is about that many parts per transfer
        MultipartUpload upload = MultipartUpload.start(s3, parts, at, create(at, objectKey, storageClass, encryption),
                concurrency(partSize));
        try {
            for (long remaining = size; remaining > 0; ) {
                upload.awaitTurn(); // before reading: at most that many parts in memory
                int length = (int) Math.min(partSize, remaining);
                byte[] part = readPart(in, length, remaining);
                upload.send(n -> call(at, () -> s3.uploadPart(b -> b.bucket(at.bucket()).key(objectKey)
                                .uploadId(upload.id()).partNumber(n).contentLength((long) length), bytes(part)).eTag()),
                        () -> predictable ? Md5.of(part) : null);
                remaining -= length;
            }
            return upload.complete(predictable);
        } catch (InterruptedException | ExecutionException | IOException | RuntimeException e) {
            throw upload.abandon(e);
        }
    }

    /** Parts of one object uploaded at once: fewer when the parts had to grow, so a transfer holds no
     *  more bytes than the configured parts and concurrency say, but always at least one part. */
    private int concurrency(long partSize) {
        return (int) Math.max(1, Math.min(options.uploadConcurrency(),
                options.uploadConcurrency() * options.partSizeBytes() / partSize));
    }

    private CreateMultipartUploadRequest create(ObjectKeys at, String objectKey, String storageClass,
                                                Encryption encryption) {
        CreateMultipartUploadRequest.Builder create = CreateMultipartUploadRequest.builder().bucket(at.bucket())
                .key(objectKey).storageClass(storageClass);
        encrypt(encryption, create::serverSideEncryption, create::ssekmsKeyId);
        return create.build();
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
                () -> Md5.of(source, size), () -> delete(location, key));
        return ETags.confirmed(etagIsMd5(encryption) ? ETags.single(done.read()) : null, done.copy());
    }

    /** A multipart upload whose parts the server copies from the source's byte ranges (UploadPartCopy), a
     *  few at a time, while the source is read once in order to hash it and to work out each part's MD5:
     *  no bytes are sent back up, and the copy's ETag is foretold as a multipart upload's. */
    private String copyInParts(ObjectKeys from, ObjectKeys at, String key, InputStream source, long size,
                               String storageClass, Encryption encryption) throws IOException {
        String objectKey = at.object(key);
        boolean predictable = etagIsMd5(encryption);
        long partSize = MultipartUpload.partSize(size, options.partSizeBytes());
        // the copies hold no bytes here: as many at once as uploads
        MultipartUpload upload = MultipartUpload.start(s3, parts, at, create(at, objectKey, storageClass, encryption),
                options.uploadConcurrency());
        try {
            for (long offset = 0; offset < size; offset += partSize) {
                upload.awaitTurn();
                String range = "bytes=" + offset + "-" + (Math.min(size, offset + partSize) - 1);
                CompletableFuture<byte[]> md5 = new CompletableFuture<>();
                upload.send(n -> call(at, () -> s3.uploadPartCopy(b -> b.sourceBucket(from.bucket())
                        .sourceKey(from.object(key)).destinationBucket(at.bucket()).destinationKey(objectKey)
                        .uploadId(upload.id()).partNumber(n).copySourceRange(range)).copyPartResult().eTag()), md5::get);
                try {
                    md5.complete(Md5.ofNext(source, Math.min(partSize, size - offset))); // while the server copies
                } catch (IOException | RuntimeException e) {
                    md5.completeExceptionally(e);
                    throw e;
                }
            }
            return upload.complete(predictable);
        } catch (InterruptedException | ExecutionException | IOException | RuntimeException e) {
            throw upload.abandon(e);
        }
    }

    /** Under a KMS key S3's ETag is no MD5: no point working one out. */
    private boolean etagIsMd5(Encryption registered) {
        return registered.or(options.encryption()).kind() != Encryption.Kind.SSE_KMS;
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
    static <T> T call(ObjectKeys at, SdkCall<T> call) throws IOException {
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
    interface SdkCall<T> {
        T run() throws IOException;
    }
}
