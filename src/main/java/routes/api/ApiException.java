package routes.api;

/** A request the service refuses: mapped to {@code {"error": ..., "field": ...}} with its status. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String field;

    public ApiException(int status, String error, String field) {
        super(error);
        this.status = status;
        this.field = field;
    }

    public static ApiException badRequest(String field, String error) {
        return new ApiException(400, error, field);
    }

    public static ApiException notFound(String field, String error) {
        return new ApiException(404, error, field);
    }

    public static ApiException conflict(String field, String error) {
        return new ApiException(409, error, field);
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }
}
