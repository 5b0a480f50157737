package routes.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EncryptionTest {

    @Test
    void readsEveryRegisteredForm() {
        assertThat(Encryption.parse(null)).isEqualTo(Encryption.NONE);
        assertThat(Encryption.parse(" none ")).isEqualTo(Encryption.NONE);
        assertThat(Encryption.parse("AES256").kind()).isEqualTo(Encryption.Kind.SSE_S3);
        assertThat(Encryption.parse("sse-s3").kind()).isEqualTo(Encryption.Kind.SSE_S3);
        assertThat(Encryption.parse("aws:kms")).isEqualTo(new Encryption(Encryption.Kind.SSE_KMS, null));
        assertThat(Encryption.parse("SSE-KMS")).isEqualTo(new Encryption(Encryption.Kind.SSE_KMS, null));
        // a key ARN has colons of its own
        assertThat(Encryption.parse("SSE-KMS:arn:aws:kms:eu-west-1:111122223333:key/k1").key())
                .isEqualTo("arn:aws:kms:eu-west-1:111122223333:key/k1");
        assertThat(Encryption.parse("CMEK:projects/p/locations/eu/keyRings/r/cryptoKeys/k"))
                .isEqualTo(new Encryption(Encryption.Kind.CMEK, "projects/p/locations/eu/keyRings/r/cryptoKeys/k"));
        assertThat(Encryption.parse("google-managed").kind()).isEqualTo(Encryption.Kind.GOOGLE_MANAGED);
        assertThat(Encryption.parse("DISK").kind()).isEqualTo(Encryption.Kind.DISK);
    }

    @Test
    void refusesWhatNoStoreCouldApply() {
        assertThatThrownBy(() -> Encryption.parse("rot13")).hasMessageContaining("must be one of");
        assertThatThrownBy(() -> Encryption.parse("SSE-KMS:")).hasMessageContaining("empty");
        assertThatThrownBy(() -> Encryption.parse("SSE-S3:key")).hasMessageContaining("takes no key");
        assertThatThrownBy(() -> Encryption.parse("CMEK")).hasMessageContaining("key name");
        assertThatThrownBy(() -> Encryption.parse("CMEK:my-key")).hasMessageContaining("key name");
    }

    @Test
    void eachSchemeTakesItsOwnForms() {
        assertThat(Encryption.parse("SSE-KMS").requireFits("s3").atRest()).isTrue();
        assertThat(Encryption.parse("DISK").requireFits("file").atRest()).isTrue();
        assertThat(Encryption.NONE.requireFits("gs").atRest()).isFalse();
        assertThatThrownBy(() -> Encryption.parse("SSE-KMS").requireFits("gs")).hasMessageContaining("gs://");
        assertThatThrownBy(() -> Encryption.parse("CMEK:projects/p/locations/l/keyRings/r/cryptoKeys/k")
                .requireFits("s3")).hasMessageContaining("s3://");
        assertThatThrownBy(() -> Encryption.parse("AES256").requireFits("file")).hasMessageContaining("file://");
    }
}
