package routes.plan.sim;

/** A trace line that cannot be read: which line, which field, and what is wrong. */
public final class TraceFormatException extends RuntimeException {

    private final long line;
    private final String field;

    public TraceFormatException(long line, String field, String message) {
        super("line " + line + ": " + message);
        this.line = line;
        this.field = field;
    }

    public long line() {
        return line;
    }

    public String field() {
        return field;
    }
}
