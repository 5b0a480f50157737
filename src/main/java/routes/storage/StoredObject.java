package routes.storage;

/**
 * One object of a dataset: its key relative to the dataset's location ("" when the dataset is a
 * single object), its size, and the store's own checksum of its content as the store reports it
 * (S3: the ETag; GCS: the MD5), or null when the store keeps none.
 */
public record StoredObject(String key, long sizeBytes, String checksum) {

    /** An object of a store that keeps no checksum of its own (a file system). */
    public StoredObject(String key, long sizeBytes) {
        this(key, sizeBytes, null);
    }
}
