package routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.Map;

import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import routes.support.HeaderTap;
import routes.support.S3ProxyServer;
import routes.support.ServiceTestSupport;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A store's registered encryption is what the service asks of the store on every write it makes
 * there: a move into a store registered with SSE-KMS and a key sends that key with each object, a
 * seed there too, and a move into a store registered without encryption asks for none. The S3 server
 * (S3Proxy) accepts these headers without acting on them, so a relay in front of it reads them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EncryptedStoreTest extends ServiceTestSupport {

    private static final String KEY = "arn:aws:kms:eu-west-1:111122223333:key/vault";

    private S3ProxyServer s3Server;
    private S3Client s3;
    private HeaderTap tap;

    @Override
    protected void beforeStart(Main main) throws Exception {
        s3Server = S3ProxyServer.withBucket("dim");
        s3 = s3Server.client();
        tap = new HeaderTap(s3Server.port(), "x-amz-server-side-encryption");
    }

    @Override
    protected Map<String, String> overrides() {
        // writes go through the relay, which reads their headers on the way
        return S3ProxyServer.serviceSettings(tap.endpoint(), Map.of("dim.stores", "local,vault,plain",
                "dim.stores.vault.uri-prefix", "s3://dim/vault/", "dim.stores.vault.encryption", "SSE-KMS:" + KEY,
                "dim.stores.plain.uri-prefix", "s3://dim/plain/"));
    }

    @AfterAll
    void stopS3() throws Exception {
        tap.close();
        s3Server.close();
    }

    @Test
    void movesAndSeedsIntoAnEncryptedStoreAskForItsKeyAndOthersAskForNothing() {
        long ds = seeded(fileUri("secret"), 3);
        tap.clear();
        move(ds, "s3://dim/vault/secret");
        assertThat(Collections.frequency(tap.lines(), "x-amz-server-side-encryption: aws:kms"))
                .as("one per object written").isEqualTo(3);
        assertThat(Collections.frequency(tap.lines(), "x-amz-server-side-encryption-aws-kms-key-id: " + KEY))
                .isEqualTo(3);
        assertThat(tap.lines()).hasSize(6);
        assertThat(s3.listObjectsV2(b -> b.bucket("dim").prefix("vault/secret/")).contents()).hasSize(3);

        tap.clear();
        seeded("s3://dim/vault/seeded", 2);
        assertThat(Collections.frequency(tap.lines(), "x-amz-server-side-encryption-aws-kms-key-id: " + KEY))
                .isEqualTo(2);

        long open = seeded(fileUri("open"), 2);
        tap.clear();
        move(open, "s3://dim/plain/open");
        assertThat(tap.lines()).as("a store registered without encryption asks for none").isEmpty();
        assertThat(s3.listObjectsV2(b -> b.bucket("dim").prefix("plain/open/")).contents()).hasSize(2);
    }

    private long seeded(String uri, int objects) {
        return seededDataset(uri.substring(uri.lastIndexOf('/') + 1), uri, 3000, objects);
    }

    private void move(long dataset, String target) {
        completedJob(plannedMove(dataset, "warm", target));
    }
}
