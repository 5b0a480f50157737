package routes.move;

/** The failure {@code POST /jobs/{id}/inject-failure} asked for; it stays until the job is retried. */
public class InjectedFailure extends RuntimeException {

    public InjectedFailure(String message) {
        super(message);
    }
}
