package routes.move;

import java.io.IOException;

/** The destination's bytes do not hash to what was copied: the copy is discarded and redone. */
public class ChecksumMismatch extends IOException {

    public ChecksumMismatch(String message) {
        super(message);
    }
}
