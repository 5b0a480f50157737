package routes.storage;

import java.io.IOException;

/** A failure caught on another thread (a part upload, a copy beside its read, a worker), reported as the
 *  storage contract reports failures. */
public final class Failures {

    private Failures() {
    }

    /** An IOException as it is to throw; a runtime exception thrown here as it is; anything else wrapped. */
    public static IOException asIoException(Throwable failure) {
        if (failure instanceof IOException io) {
            return io;
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        return new IOException(failure);
    }
}
