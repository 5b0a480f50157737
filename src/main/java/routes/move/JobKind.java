package routes.move;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a job does. {@code move}: copy, verify, switch the primary to the copy, delete the source.
 * {@code replicate}: copy, verify, record the copy as a secondary replica in another store; its
 * source, the primary, is never deleted.
 */
public enum JobKind {
    MOVE, REPLICATE;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobKind of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
