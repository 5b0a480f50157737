package routes.api;

import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A request's JSON object, with typed field access that fails with a 400 naming the field. */
public final class JsonBody {

    private final JsonNode node;
    private final String prefix;

    private JsonBody(JsonNode node, String prefix) {
        this.node = node;
        this.prefix = prefix;
    }

    public static JsonNode parse(ObjectMapper mapper, String raw) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.badRequest(null, "request body is empty: a JSON document is required");
        }
        try {
            return mapper.readTree(raw);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(null, "malformed JSON: " + e.getOriginalMessage());
        }
    }

    public static JsonBody object(ObjectMapper mapper, String raw) {
        return object(parse(mapper, raw), "");
    }

    /** Wraps one JSON object; {@code prefix} locates it in a larger document, e.g. {@code [3].}. */
    public static JsonBody object(JsonNode node, String prefix) {
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest(prefix.isEmpty() ? null : prefix, "expected a JSON object");
        }
        return new JsonBody(node, prefix);
    }

    /** Refuses fields the endpoint does not know, so a typo is not silently ignored. */
    public JsonBody allowOnly(Set<String> fields) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!fields.contains(name)) {
                throw ApiException.badRequest(prefix + name, "unknown field '" + name + "'; allowed: " + fields);
            }
        }
        return this;
    }

    public boolean has(String field) {
        return node.has(field) && !node.get(field).isNull();
    }

    /** A nested value, for fields that are themselves objects. */
    public JsonNode node(String field) {
        return node.get(field);
    }

    public boolean present(String field) {
        return node.has(field);
    }

    public String requiredText(String field) {
        return optionalText(field).orElseThrow(() -> missing(field));
    }

    public Optional<String> optionalText(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode v = node.get(field);
        if (!v.isTextual()) {
            throw wrongType(field, "a string");
        }
        String text = v.asText().trim();
        if (text.isEmpty()) {
            throw ApiException.badRequest(prefix + field, field + " must not be empty");
        }
        return Optional.of(text);
    }

    public long requiredLong(String field) {
        return optionalLong(field).orElseThrow(() -> missing(field));
    }

    public Optional<Long> optionalLong(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode v = node.get(field);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw wrongType(field, "an integer");
        }
        return Optional.of(v.asLong());
    }

    public long requiredNonNegative(String field) {
        long value = requiredLong(field);
        return nonNegative(field, value);
    }

    public Optional<Long> optionalNonNegative(String field) {
        return optionalLong(field).map(v -> nonNegative(field, v));
    }

    public Optional<Double> optionalNonNegativeNumber(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode v = node.get(field);
        if (!v.isNumber()) {
            throw wrongType(field, "a number");
        }
        double d = v.asDouble();
        if (d < 0 || Double.isNaN(d) || Double.isInfinite(d)) {
            throw ApiException.badRequest(prefix + field, field + " must be a non-negative number");
        }
        return Optional.of(d);
    }

    public boolean optionalBoolean(String field, boolean fallback) {
        if (!has(field)) {
            return fallback;
        }
        JsonNode v = node.get(field);
        if (!v.isBoolean()) {
            throw wrongType(field, "true or false");
        }
        return v.asBoolean();
    }

    /** An error about one field of this object, located within the whole document. */
    public ApiException invalid(String field, String error) {
        return ApiException.badRequest(prefix + field, error);
    }

    private long nonNegative(String field, long value) {
        if (value < 0) {
            throw ApiException.badRequest(prefix + field, field + " must not be negative");
        }
        return value;
    }

    private ApiException missing(String field) {
        return ApiException.badRequest(prefix + field, field + " is required");
    }

    private ApiException wrongType(String field, String expected) {
        return ApiException.badRequest(prefix + field, field + " must be " + expected);
    }
}
