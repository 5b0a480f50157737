package routes.storage;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a store encrypts what is written to it, as registered with the store ({@code encryption}) and
 * asked of the backend on every write: {@code none}; for S3 {@code SSE-S3} (alias {@code AES256}),
 * {@code SSE-KMS} (the account's default key, alias {@code aws:kms}) or {@code SSE-KMS:<key id or ARN>};
 * for Google Cloud Storage {@code GOOGLE-MANAGED} (its default) or {@code CMEK:<key name>}; for a file
 * store {@code DISK}, the operator's word that the file system is encrypted (LUKS, dm-crypt): the
 * service cannot encrypt a file by itself, so it claims nothing more.
 */
public record Encryption(Kind kind, String key) {

    public static final Encryption NONE = new Encryption(Kind.NONE, null);

    public enum Kind {
        NONE(Set.of("file", "s3", "gs")), SSE_S3(Set.of("s3")), SSE_KMS(Set.of("s3")),
        GOOGLE_MANAGED(Set.of("gs")), CMEK(Set.of("gs")), DISK(Set.of("file"));

        private final Set<String> schemes;

        Kind(Set<String> schemes) {
            this.schemes = schemes;
        }
    }

    private static final Pattern CMEK_KEY = Pattern.compile("projects/[^/]+/locations/[^/]+/keyRings/[^/]+/cryptoKeys/[^/]+");
    private static final String FORMS = "none, SSE-S3, SSE-KMS, SSE-KMS:<key id> (s3), GOOGLE-MANAGED, "
            + "CMEK:projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<k> (gs) or DISK (file)";

    /** Reads a registered value; null or blank is {@link #NONE}. */
    public static Encryption parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        String t = text.trim();
        // S3's own header value for SSE-KMS has a colon of its own
        int colon = t.equalsIgnoreCase("aws:kms") ? -1 : t.indexOf(':');
        String head = (colon < 0 ? t : t.substring(0, colon)).toUpperCase(Locale.ROOT);
        String key = colon < 0 ? null : t.substring(colon + 1).trim();
        Encryption e = switch (head) {
            case "NONE" -> NONE;
            case "SSE-S3", "AES256" -> new Encryption(Kind.SSE_S3, null);
            case "SSE-KMS", "AWS:KMS" -> new Encryption(Kind.SSE_KMS, key);
            case "GOOGLE-MANAGED" -> new Encryption(Kind.GOOGLE_MANAGED, null);
            case "CMEK" -> new Encryption(Kind.CMEK, key);
            case "DISK" -> new Encryption(Kind.DISK, null);
            default -> throw new IllegalArgumentException("encryption must be one of " + FORMS + "; got '" + t + "'");
        };
        boolean keyed = e.kind == Kind.SSE_KMS || e.kind == Kind.CMEK;
        if (key != null && (!keyed || key.isEmpty())) {
            throw new IllegalArgumentException("encryption '" + t + "': "
                    + (keyed ? "the key after ':' is empty" : head + " takes no key"));
        }
        if (e.kind == Kind.CMEK && (key == null || !CMEK_KEY.matcher(key).matches())) {
            throw new IllegalArgumentException("encryption '" + t + "': CMEK needs a key name "
                    + "projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<k>");
        }
        return e;
    }

    /** Refuses an encryption the store's scheme cannot apply (SSE-KMS on a bucket of another cloud...). */
    public Encryption requireFits(String scheme) {
        if (!kind.schemes.contains(scheme)) {
            throw new IllegalArgumentException("encryption " + kind.name().replace('_', '-') + " does not apply to "
                    + scheme + ":// stores (the forms: " + FORMS + ")");
        }
        return this;
    }

    /** This encryption, or {@code configured} (the backend's default) when the store registers none. */
    public Encryption or(Encryption configured) {
        return atRest() ? this : configured;
    }

    /** True when the data is encrypted at rest by the store, as a policy's encryption_required asks. */
    public boolean atRest() {
        return kind != Kind.NONE;
    }
}
