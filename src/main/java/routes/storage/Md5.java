package routes.storage;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** MD5, the checksum S3 and GCS keep of an object's content (never ours: the manifest's is SHA-256). */
public final class Md5 {

    private Md5() {
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }

    public static byte[] of(byte[] bytes) {
        return newDigest().digest(bytes);
    }
}
