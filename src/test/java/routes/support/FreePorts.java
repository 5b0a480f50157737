package routes.support;

import java.io.IOException;
import java.net.ServerSocket;

/** Loopback ports nothing listens on right now, for a test's service and broker. */
public final class FreePorts {

    private FreePorts() {
    }

    public static int next() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
