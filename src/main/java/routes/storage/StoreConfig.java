package routes.storage;

/** A backend's view of the configuration: it reads its own keys ({@code dim.s3.*}, {@code dim.gcs.*}). */
@FunctionalInterface
public interface StoreConfig {

    String get(String key, String fallback);

    default long getLong(String key, long fallback) {
        return Long.parseLong(get(key, Long.toString(fallback)).trim());
    }

    default boolean getBoolean(String key, boolean fallback) {
        return Boolean.parseBoolean(get(key, Boolean.toString(fallback)).trim());
    }
}
