package routes.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP relay in front of a real server that keeps the request header lines starting with a
 * given prefix, as they crossed the wire. S3Proxy accepts server-side encryption headers and ignores
 * them, so this is how a test sees what the S3 client asked the store for. Bytes pass unchanged.
 */
public final class HeaderTap implements AutoCloseable {

    private static final int LONGEST_LINE = 1024; // longer "lines" are body bytes, not headers

    private final ServerSocket server;
    private final int upstreamPort;
    private final String prefix;
    private final List<String> seen = new CopyOnWriteArrayList<>();

    public HeaderTap(int upstreamPort, String headerPrefix) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.upstreamPort = upstreamPort;
        this.prefix = headerPrefix.toLowerCase(Locale.ROOT);
        Thread accept = new Thread(this::accept, "header-tap");
        accept.setDaemon(true);
        accept.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port();
    }

    /** The relay's port: another tap can stand in front of this one. */
    public int port() {
        return server.getLocalPort();
    }

    /** The matching header lines seen so far, lower-cased names, in order. */
    public List<String> lines() {
        return List.copyOf(seen);
    }

    public void clear() {
        seen.clear();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                pump(client.getInputStream(), upstream.getOutputStream(), true, client, upstream);
                pump(upstream.getInputStream(), client.getOutputStream(), false, client, upstream);
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pump(InputStream in, OutputStream out, boolean requests, Socket a, Socket b) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[65536];
            byte[] line = new byte[LONGEST_LINE];
            int length = 0;
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    out.write(buffer, 0, n);
                    out.flush();
                    for (int i = 0; requests && i < n; i++) {
                        byte c = buffer[i];
                        if (c == '\n') {
                            keep(new String(line, 0, length, StandardCharsets.ISO_8859_1).trim());
                            length = 0;
                        } else if (length < LONGEST_LINE) {
                            line[length++] = c;
                        }
                    }
                }
            } catch (IOException closed) {
                // either side went away: close both
            } finally {
                closeQuietly(a);
                closeQuietly(b);
            }
        }, "header-tap-pump");
        t.setDaemon(true);
        t.start();
    }

    private void keep(String line) {
        String lower = line.toLowerCase(Locale.ROOT);
        if (lower.startsWith(prefix)) {
            int colon = lower.indexOf(':');
            seen.add(colon < 0 ? lower : lower.substring(0, colon) + ": " + line.substring(colon + 1).trim());
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
