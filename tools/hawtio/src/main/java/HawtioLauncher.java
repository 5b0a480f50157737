import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Serves Hawtio (the hawtio-war web application) at http://localhost:PORT/hawtio on loopback only,
 * with its login off and its proxy allowed to reach local Jolokia endpoints, so its "Connect" tab
 * can open Data in Motion's Jolokia (http://localhost:8080/observe/jolokia).
 * Arguments: the war, then optionally the port (8090) and the hosts Hawtio may proxy to.
 */
public final class HawtioLauncher {

    private HawtioLauncher() {
    }

    public static void main(String[] args) throws Exception {
        Path war = Path.of(args[0]);
        if (!Files.isRegularFile(war)) {
            throw new IllegalArgumentException("no Hawtio war at " + war);
        }
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 8090;
        String proxyTo = args.length > 2 ? args[2] : "localhost,127.0.0.1";
        // Hawtio's own settings (hawt.io/docs/configuration): no login of its own (the service's
        // API key guards Jolokia), and remote connections only to the hosts named here
        System.setProperty("hawtio.authenticationEnabled", "false");
        System.setProperty("hawtio.proxyAllowlist", proxyTo);
        System.setProperty("hawtio.localAddressProbing", "false");
        System.setProperty("hawtio.disableProxy", "false");

        Server server = new Server();
        ServerConnector http = new ServerConnector(server);
        http.setHost("127.0.0.1");
        http.setPort(port);
        server.addConnector(http);
        WebAppContext hawtio = new WebAppContext();
        hawtio.setContextPath("/hawtio");
        hawtio.setWar(war.toString());
        hawtio.setTempDirectory(Files.createTempDirectory("hawtio").toFile());
        server.setHandler(hawtio);
        server.start();
        System.out.println("Hawtio: http://localhost:" + port + "/hawtio (Ctrl-C stops it)");
        server.join();
    }
}
