package routes.move;

/** A failure that retrying cannot fix (nothing to move, the dataset moved elsewhere): not redelivered. */
public class PermanentFailure extends RuntimeException {

    public PermanentFailure(String message) {
        super(message);
    }
}
