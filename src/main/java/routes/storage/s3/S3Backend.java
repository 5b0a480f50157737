package routes.storage.s3;

import java.net.URI;

import routes.storage.Encryption;
import routes.storage.StoreConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;

/** Builds the S3 store from {@code dim.s3.*}: AWS by default (credentials from the standard chain),
 *  or any S3-compatible endpoint with path-style access. */
public final class S3Backend {

    private S3Backend() {
    }

    public static S3Store create(StoreConfig config) {
        return new S3Store(client(config), new S3Store.Options(
                config.getLong("dim.s3.part-size-bytes", 8L << 20),
                (int) config.getLong("dim.s3.upload-concurrency", 4), defaultEncryption(config),
                config.getLong("dim.s3.single-copy-max-bytes", S3Store.Options.LARGEST_SINGLE_COPY)));
    }

    /** The S3 client the store uses (the benchmarks call it directly too). */
    public static S3Client client(StoreConfig config) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(config.get("dim.s3.region", "us-east-1")))
                .forcePathStyle(config.getBoolean("dim.s3.path-style", false))
                // integrity is ours (SHA-256 of every object); the SDK's own trailing checksums are
                // not understood by every S3-compatible server
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(credentials(config))
                // bodies are byte arrays (one object or one part): signed whole, so neither the SDK nor
                // the server spends CPU on aws-chunked framing and per-chunk signatures
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build());
        String endpoint = config.get("dim.s3.endpoint", "");
        if (!endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    /** What a write asks for when its store registers no encryption: {@code dim.s3.sse} (AES256 or
     *  aws:kms) and, for aws:kms, {@code dim.s3.kms-key-id}. */
    private static Encryption defaultEncryption(StoreConfig config) {
        Encryption sse = Encryption.parse(config.get("dim.s3.sse", "")).requireFits("s3");
        String key = config.get("dim.s3.kms-key-id", "");
        return sse.kind() == Encryption.Kind.SSE_KMS && !key.isBlank() ? new Encryption(sse.kind(), key.trim()) : sse;
    }

    private static AwsCredentialsProvider credentials(StoreConfig config) {
        String accessKey = config.get("dim.s3.access-key", "");
        if (accessKey.isBlank()) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey,
                config.get("dim.s3.secret-key", "")));
    }
}
