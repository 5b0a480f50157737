package routes.catalog;

import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;
import routes.api.ApiException;

/** How hot a dataset is, and so which class of storage suits it. */
public enum Tier {
    HOT, WARM, COLD;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Tier parse(String value, String field) {
        return Arrays.stream(values()).filter(t -> t.json().equalsIgnoreCase(value)).findFirst()
                .orElseThrow(() -> ApiException.badRequest(field, field + " must be one of hot, warm, cold"));
    }

    public static Tier of(String stored) {
        return valueOf(stored.toUpperCase(Locale.ROOT));
    }
}
