package routes.storage;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One spelling per location, so that two datasets, or a dataset and a move's target, can be compared as
 * strings: {@code file:///data//a/}, {@code file:///data/%61} and {@code file:///data/a} name one directory,
 * and a check that compared them as typed would let a second dataset claim the first one's data. The
 * canonical form has a lower-case scheme, its path decoded and encoded again one way (what a URI path
 * allows as itself, everything else as upper-case {@code %XX} of its UTF-8 bytes) and no trailing slash;
 * a file path also has no empty segments (an object store's key may hold "//", so they stay there).
 */
public final class CanonicalLocation {

    private CanonicalLocation() {
    }

    public static URI of(URI location) {
        String scheme = location.getScheme().toLowerCase(Locale.ROOT);
        // the stores read the decoded path, so two spellings that decode alike are one location
        String path = location.getPath() == null ? "" : location.getPath();
        if (scheme.equals("file")) {
            path = path.replaceAll("/{2,}", "/");
        }
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String authority = location.getRawAuthority() == null ? "" : location.getRawAuthority();
        return URI.create(scheme + "://" + authority + encoded(path));
    }

    /** A path's characters as themselves where a URI path allows them, else as %XX of their UTF-8 bytes. */
    private static String encoded(String path) {
        StringBuilder out = new StringBuilder(path.length());
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~!$&'()*+,;=:@/".indexOf(c) >= 0)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
}
