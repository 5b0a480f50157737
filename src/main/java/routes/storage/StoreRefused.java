package routes.storage;

import java.io.IOException;

/** A store said no for a reason retrying cannot change: the bucket does not exist, access is
 *  denied, credentials are missing. Planning turns it into a 4xx; the mover fails the job at once. */
public class StoreRefused extends IOException {

    public StoreRefused(String message, Throwable cause) {
        super(message, cause);
    }
}
