package routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import routes.support.ServiceTestSupport;

/** With dim.http.tls.* set, the API speaks HTTPS with the configured certificate, and plain HTTP
 *  gets no answer from it. The keystore is made by the JDK's keytool, as a user would make one. */
class TlsTest extends ServiceTestSupport {

    private static final String PASSWORD = "changeit-tls";

    private Path keystore;

    @Override
    protected void beforeStart(Main main) throws Exception {
        Files.createDirectories(dataDir);
        keystore = dataDir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "dim", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", PASSWORD)
                .redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor()).as(out).isZero();
    }

    @Override
    protected Map<String, String> overrides() {
        return Map.of("dim.http.tls.enabled", "true", "dim.http.tls.keystore", keystore.toString(),
                "dim.http.tls.keystore-password", PASSWORD);
    }

    /** A client that trusts exactly the service's certificate. */
    private HttpClient trustingClient() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            trusted.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Test
    void theApiAnswersOverHttpsWithTheConfiguredCertificate() throws Exception {
        HttpClient client = trustingClient();
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + httpPort
                + "/health")).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.sslSession()).isPresent();
        HttpResponse<String> created = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + httpPort
                        + "/policies")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"over-tls\"}")).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    @Test
    void plainHttpIsNotServed() {
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        int status;
        try {
            status = plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException | InterruptedException refused) {
            status = -1; // the TLS server closed the connection on a plain-text request
        }
        assertThat(status).as("plain HTTP gets no successful answer").satisfiesAnyOf(s -> assertThat(s).isLessThan(200), s -> assertThat(s).isGreaterThanOrEqualTo(400));
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateIsRefused() {
        HttpClient defaults = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> defaults.send(HttpRequest.newBuilder(
                        URI.create("https://127.0.0.1:" + httpPort + "/health")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
    }
}
