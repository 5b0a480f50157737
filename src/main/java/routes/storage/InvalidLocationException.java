package routes.storage;

/** A storage URI that is malformed, of an unsupported scheme, or outside the configured roots. */
public class InvalidLocationException extends IllegalArgumentException {

    public InvalidLocationException(String message) {
        super(message);
    }
}
