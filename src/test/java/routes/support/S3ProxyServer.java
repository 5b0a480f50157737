package routes.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** A real S3 server (S3Proxy over jclouds' in-memory blob store, which like S3 has no directories)
 *  on a loopback port, with SigV4 auth. It counts the calls it makes to its blob store, so a test can
 *  tell how often objects were read ({@code getBlob}) or listed ({@code list}). */
public final class S3ProxyServer implements AutoCloseable {

    public static final String ACCESS_KEY = "test-access";
    public static final String SECRET_KEY = "test-secret";

    private final S3Proxy proxy;
    private final BlobStore blobs;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    public S3ProxyServer() throws Exception {
        this(0, ACCESS_KEY, SECRET_KEY, null);
    }

    /** A server on {@code port} (0: any free one) that accepts only these credentials, serving the
     *  objects of {@code sharing} (null: a new, empty store): stopping one server and starting
     *  another on its port with other credentials is a store whose credentials were revoked. */
    public S3ProxyServer(int port, String accessKey, String secretKey, S3ProxyServer sharing) throws Exception {
        blobs = sharing != null ? sharing.blobs : ContextBuilder.newBuilder("transient").credentials("id", "cred")
                .build(BlobStoreContext.class).getBlobStore();
        BlobStore counted = (BlobStore) Proxy.newProxyInstance(BlobStore.class.getClassLoader(),
                new Class<?>[] {BlobStore.class}, (self, method, args) -> {
                    calls.computeIfAbsent(method.getName(), m -> new AtomicInteger()).incrementAndGet();
                    try {
                        return method.invoke(blobs, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        proxy = S3Proxy.builder().blobStore(counted).endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .ignoreUnknownHeaders(true).build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(5);
        }
    }

    /** A server with one empty bucket. */
    public static S3ProxyServer withBucket(String name) throws Exception {
        S3ProxyServer server = new S3ProxyServer();
        server.createBucket(name);
        return server;
    }

    /** How many times the server has called this method of its blob store, e.g. {@code getBlob}: one
     *  per object GET. */
    public int calls(String blobStoreMethod) {
        AtomicInteger n = calls.get(blobStoreMethod);
        return n == null ? 0 : n.get();
    }

    public int port() {
        return proxy.getPort();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    /** The service's settings for an S3 store at {@code endpoint} with this server's credentials (the
     *  endpoint is this server's, or a relay in front of it), with {@code more} settings on top. */
    public static Map<String, String> serviceSettings(String endpoint, Map<String, String> more) {
        Map<String, String> settings = new HashMap<>(Map.of("dim.s3.endpoint", endpoint, "dim.s3.path-style", "true",
                "dim.s3.access-key", ACCESS_KEY, "dim.s3.secret-key", SECRET_KEY));
        settings.putAll(more);
        return settings;
    }

    public void createBucket(String name) {
        blobs.createContainerInLocation(null, name);
    }

    /** An independent client, as a user's own tools would read the store. */
    public S3Client client() {
        return S3Client.builder().endpointOverride(URI.create(endpoint())).forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
