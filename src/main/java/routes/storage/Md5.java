package routes.storage;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
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

    /** The MD5 of what is left of {@code in}, read to its end ({@code size}: about how much that is, to
     *  size the buffer). */
    public static byte[] of(InputStream in, long size) throws IOException {
        return digest(in, size, Long.MAX_VALUE);
    }

    /** The MD5 of the next {@code length} bytes of {@code in}, which must have that many. */
    public static byte[] ofNext(InputStream in, long length) throws IOException {
        return digest(in, length, length);
    }

    /** Reads at most {@code limit} bytes (an end before them is an error unless {@code limit} is
     *  unbounded) through a buffer sized for about {@code size} bytes. */
    private static byte[] digest(InputStream in, long size, long limit) throws IOException {
        MessageDigest md5 = newDigest();
        byte[] buffer = new byte[(int) Math.max(8192, Math.min(1 << 20, size))];
        for (long left = limit; left > 0; ) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0 && limit == Long.MAX_VALUE) {
                break;
            }
            if (n < 0) {
                throw new EOFException("the source ended " + left + " bytes early");
            }
            md5.update(buffer, 0, n);
            left -= n;
        }
        return md5.digest();
    }
}
