import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * S3Proxy as its own process for bench/stores.sh (a single-file source program on the test classpath):
 *
 * <pre>java -cp $(cat test-classpath.txt) bench/S3ProxyMain.java --port=19500 --basedir=/tmp/x --buckets=bench</pre>
 *
 * jclouds' "filesystem" blob store keeps objects as plain files under basedir/bucket/key, so large objects
 * never sit in heap; SigV2/V4 auth with test-access / test-secret; ignoreUnknownHeaders(true) as in the
 * tests (src/test/java/routes/support/S3ProxyServer.java). Prints "S3PROXY READY <endpoint>" once it
 * listens, then runs until it is killed.
 */
public class S3ProxyMain {
    public static void main(String[] args) throws Exception {
        int port = 19500;
        Path basedir = null;
        String[] buckets = {"bench"};
        for (String a : args) {
            if (a.startsWith("--port=")) port = Integer.parseInt(a.substring(7));
            else if (a.startsWith("--basedir=")) basedir = Path.of(a.substring(10));
            else if (a.startsWith("--buckets=")) buckets = a.substring(10).split(",");
            else throw new IllegalArgumentException("unknown argument " + a);
        }
        if (basedir == null) throw new IllegalArgumentException("--basedir=DIR is required");
        Files.createDirectories(basedir);
        Properties p = new Properties();
        p.setProperty("jclouds.filesystem.basedir", basedir.toAbsolutePath().toString());
        BlobStore blobs = ContextBuilder.newBuilder("filesystem").credentials("id", "cred").overrides(p)
                .build(BlobStoreContext.class).getBlobStore();
        for (String b : buckets) blobs.createContainerInLocation(null, b);
        String endpoint = "http://127.0.0.1:" + port;
        S3Proxy proxy = S3Proxy.builder().blobStore(blobs).endpoint(URI.create(endpoint))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "test-access", "test-secret")
                .ignoreUnknownHeaders(true).build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) Thread.sleep(5);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try { proxy.stop(); } catch (Exception e) { /* exiting anyway */ }
        }));
        System.out.println("S3PROXY READY " + endpoint + " buckets " + String.join(",", buckets));
        System.out.flush();
        Thread.currentThread().join();
    }
}
