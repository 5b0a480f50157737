package routes.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps a storage URI to the store that serves its scheme. Adding a backend means adding it here. */
public final class StoreRegistry {

    private final Map<String, ObjectStore> byScheme = new LinkedHashMap<>();

    public StoreRegistry(List<ObjectStore> stores) {
        stores.forEach(s -> byScheme.put(s.scheme(), s));
    }

    /** Parses and validates a location, in its {@link CanonicalLocation canonical spelling}; throws
     *  {@link InvalidLocationException} with the reason. */
    public URI location(String uri) {
        if (uri == null || uri.isBlank()) {
            throw new InvalidLocationException("a storage URI is required");
        }
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            throw new InvalidLocationException("not a valid URI: " + e.getMessage());
        }
        store(parsed).validate(parsed);
        return CanonicalLocation.of(parsed);
    }

    public ObjectStore store(URI location) {
        String scheme = location.getScheme();
        ObjectStore store = scheme == null ? null : byScheme.get(scheme.toLowerCase());
        if (store == null) {
            throw new InvalidLocationException("unsupported URI scheme '" + scheme
                    + "'; supported: " + String.join(", ", byScheme.keySet()));
        }
        return store;
    }

    public Map<String, String> health() {
        Map<String, String> health = new LinkedHashMap<>();
        byScheme.forEach((scheme, store) -> health.put(scheme, store.health()));
        return health;
    }
}
