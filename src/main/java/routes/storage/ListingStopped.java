package routes.storage;

/** Ends a listing early from inside its consumer, once the caller has seen enough. */
final class ListingStopped extends RuntimeException {

    ListingStopped() {
        super(null, null, false, false); // control flow, not an error: no stack trace
    }
}
