package routes;

import org.apache.camel.main.Main;

/** Starts Data in Motion: Camel Main picks up {@code application.properties}, {@code routes.yaml}
 *  and the {@code @Configuration} classes under this package. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) throws Exception {
        int code;
        try {
            code = new Main(Application.class).run(args);
        } catch (Throwable startFailed) {
            startFailed.printStackTrace();
            code = 1;
        }
        // The in-process broker's threads are not daemons: exit explicitly so a failed start never hangs.
        System.exit(code);
    }
}
