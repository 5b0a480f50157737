package routes.storage;

import java.net.URI;

/** Where a dataset lives in a bucket store (S3, GCS): {@code scheme://bucket/key}. The key is the
 *  single object, or the prefix of many ("key/..."). */
public record ObjectKeys(String bucket, String key) {

    public static ObjectKeys of(URI location) {
        String bucket = location.getAuthority();
        if (bucket == null || bucket.isBlank()) {
            throw new InvalidLocationException(location.getScheme() + " URIs name a bucket: "
                    + location.getScheme() + "://bucket/key");
        }
        String path = location.getPath() == null ? "" : location.getPath();
        String key = path.startsWith("/") ? path.substring(1) : path;
        if (key.isEmpty()) {
            throw new InvalidLocationException("name an object or prefix inside the bucket, not the whole bucket");
        }
        for (String segment : key.split("/")) {
            if (segment.equals("..") || segment.equals(".")) {
                throw new InvalidLocationException("keys may not contain '.' or '..' segments");
            }
        }
        return new ObjectKeys(bucket, key);
    }

    /** The prefix under which a multi-object dataset's objects live. */
    public String prefix() {
        return key.endsWith("/") ? key : key + "/";
    }

    /** The full key of one object of the dataset ("" is the dataset's single object). */
    public String object(String relative) {
        if (relative.isEmpty()) {
            return key;
        }
        if (relative.startsWith("/") || relative.contains("../")) {
            throw new InvalidLocationException("object key escapes its dataset: " + relative);
        }
        return prefix() + relative;
    }
}
