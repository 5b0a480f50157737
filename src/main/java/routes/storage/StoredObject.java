package routes.storage;

/** One object of a dataset: its key relative to the dataset's location ("" when the dataset is a
 *  single object) and its size. */
public record StoredObject(String key, long sizeBytes) {
}
