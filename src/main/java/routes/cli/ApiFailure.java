package routes.cli;

/** A call that did not succeed, with the exit code it means. */
final class ApiFailure extends RuntimeException {

    private final int exitCode;

    ApiFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
