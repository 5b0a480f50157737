package routes.storage.s3;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import routes.storage.Md5;

/**
 * The ETag S3 gives an object that is not encrypted with a KMS key, worked out from the bytes sent:
 * the MD5 of a single PUT; for a multipart upload, the MD5 of its parts' MD5s, a dash and the number
 * of parts. A listing that reports the same ETag says the store holds exactly those bytes.
 */
final class ETags {

    private ETags() {
    }

    /** S3 quotes its ETags; the quotes are not part of the checksum. */
    static String unquoted(String etag) {
        return etag == null ? null : etag.replace("\"", "");
    }

    /** The ETag of an object written in one PUT whose bytes have this MD5. */
    static String single(byte[] md5) {
        return HexFormat.of().formatHex(md5);
    }

    /** {@code foretold} when the store answered the same ETag, else null: its ETags are no MD5s. */
    static String confirmed(String foretold, String answered) {
        return foretold != null && foretold.equals(answered) ? foretold : null;
    }

    /** The ETag of a multipart upload whose parts, in order, have these MD5s. */
    static String multipart(List<byte[]> partMd5s) {
        MessageDigest all = Md5.newDigest();
        partMd5s.forEach(all::update);
        return HexFormat.of().formatHex(all.digest()) + "-" + partMd5s.size();
    }
}
