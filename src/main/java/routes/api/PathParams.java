package routes.api;

/** Reads numeric ids and paging values from the path and query, refusing anything else with a 400. */
public final class PathParams {

    private PathParams() {
    }

    public static long id(String raw, String field) {
        try {
            long id = Long.parseLong(raw == null ? "" : raw.trim());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiException.badRequest(field, field + " must be a positive integer");
    }

    public static int bounded(String raw, String field, int fallback, int min, int max) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(raw.trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiException.badRequest(field, field + " must be an integer from " + min + " to " + max);
    }
}
