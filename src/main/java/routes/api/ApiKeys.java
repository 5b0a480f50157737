package routes.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import routes.storage.HashingInputStream;

/**
 * The configured API keys ({@code dim.api.keys}): entries {@code name:role:sha256-of-key}, so only
 * hashes are stored. A key with role {@code read} may call GET; {@code admin} may call everything.
 * No entries: the API is open (the embedded, single-user default).
 */
public final class ApiKeys {

    /** What a key may do. */
    public enum Role {
        READ, ADMIN;

        public boolean mayCall(String method) {
            return this == ADMIN || "GET".equals(method) || "HEAD".equals(method);
        }
    }

    /** Who a presented key belongs to. */
    public record Caller(String name, Role role) {
    }

    private final Map<String, Caller> byHash = new LinkedHashMap<>();

    public ApiKeys(String configured) {
        if (configured == null) {
            return;
        }
        for (String entry : configured.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.trim().split(":");
            if (parts.length != 3 || parts[2].length() != 64) {
                throw new IllegalArgumentException("dim.api.keys entries are name:role:sha256hex; got '" + entry.trim()
                        + "'");
            }
            byHash.put(parts[2].toLowerCase(Locale.ROOT),
                    new Caller(parts[0], Role.valueOf(parts[1].toUpperCase(Locale.ROOT))));
        }
    }

    public boolean enabled() {
        return !byHash.isEmpty();
    }

    /** The caller a key belongs to, compared by hash in constant time. */
    public Optional<Caller> caller(String presentedKey) {
        if (presentedKey == null || presentedKey.isBlank()) {
            return Optional.empty();
        }
        byte[] hash = hash(presentedKey).getBytes(StandardCharsets.US_ASCII);
        Caller found = null;
        for (Map.Entry<String, Caller> e : byHash.entrySet()) {
            if (MessageDigest.isEqual(hash, e.getKey().getBytes(StandardCharsets.US_ASCII))) {
                found = e.getValue();
            }
        }
        return Optional.ofNullable(found);
    }

    public static String hash(String key) {
        return HexFormat.of().formatHex(HashingInputStream.sha256().digest(key.getBytes(StandardCharsets.UTF_8)));
    }
}
