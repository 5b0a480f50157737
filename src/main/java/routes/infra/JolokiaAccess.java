package routes.infra;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.RoutingContext;
import routes.api.ApiKeys;

/**
 * Who may reach Jolokia (JMX over HTTP: the route MBeans and their exchange counters that Hawtio
 * shows, and operations that stop routes): only clients whose address is in
 * {@code dim.jolokia.allowed-clients} (the loopback addresses by default), and, when API keys are
 * configured, only with an admin key — Jolokia reads can run operations too. A request from a
 * browser page is refused unless the page is local too (its Origin or Referer is localhost or an
 * allowed address), so a site elsewhere cannot drive Jolokia through a local user's browser; with
 * {@code *} any page may. Hawtio's connection dialog sends a user and password: the password is
 * taken as the key.
 */
public final class JolokiaAccess {

    private final String path;
    private final List<Allowed> allowed;
    private final ApiKeys keys;
    private final MeterRegistry registry;

    public JolokiaAccess(String path, String allowedClients, ApiKeys keys, MeterRegistry registry) {
        this.path = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.allowed = Arrays.stream(allowedClients.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(Allowed::parse).toList();
        this.keys = keys;
        this.registry = registry;
    }

    /** The Jolokia path, and everything under it. */
    public String routePath() {
        return path + "*";
    }

    public void handle(RoutingContext ctx) {
        String client = ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().host();
        if (!allows(client)) {
            refuse(ctx, 403, "client", "Jolokia answers only clients in dim.jolokia.allowed-clients; " + client
                    + " is not one");
            return;
        }
        String page = pageOrigin(ctx);
        if (page != null && !allowsPage(page)) {
            // a page elsewhere must not drive Jolokia through a local user's browser
            refuse(ctx, 403, "origin", "Jolokia answers only pages served from an allowed client; " + page
                    + " is not one");
            return;
        }
        if (keys.enabled()) {
            Optional<ApiKeys.Caller> caller = keys.caller(ApiKeyGuard.presented(ctx));
            if (caller.isEmpty()) {
                refuse(ctx, 401, "missing", "an admin API key is required: Authorization: Bearer <key>, X-API-Key, "
                        + "or the key as the password of basic authentication");
                return;
            }
            if (caller.get().role() != ApiKeys.Role.ADMIN) {
                refuse(ctx, 403, "forbidden", "key '" + caller.get().name() + "' may only read; Jolokia needs an admin key");
                return;
            }
        }
        ctx.next();
    }

    /** Whether a client at this address may call Jolokia. */
    public boolean allows(String clientAddress) {
        if (clientAddress == null) {
            return false;
        }
        byte[] address;
        try {
            address = InetAddress.getByName(clientAddress).getAddress(); // a literal: no lookup
        } catch (UnknownHostException e) {
            return false;
        }
        return allowed.stream().anyMatch(a -> a.matches(address));
    }

    /** The host of the page a browser sent the request from (Origin, else Referer), or null. */
    private static String pageOrigin(RoutingContext ctx) {
        String origin = ctx.request().getHeader("Origin");
        if (origin == null || origin.isBlank() || "null".equals(origin)) {
            origin = ctx.request().getHeader("Referer");
        }
        if (origin == null || origin.isBlank()) {
            return null;
        }
        try {
            String host = java.net.URI.create(origin.trim()).getHost();
            return host == null ? origin : host;
        } catch (IllegalArgumentException e) {
            return origin;
        }
    }

    /** A page's host is allowed when it is {@code localhost} or an allowed client address. */
    private boolean allowsPage(String host) {
        if (allowed.stream().anyMatch(a -> a.network() == null) || "localhost".equalsIgnoreCase(host)) {
            return true;
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return literal.matches("[0-9a-fA-F.:]+") && allows(literal);
    }

    private void refuse(RoutingContext ctx, int status, String reason, String error) {
        registry.counter("dim.auth.failures", "reason", reason).increment();
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json");
        if (status == 401) {
            ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"jolokia\"");
        }
        ctx.response().end("{\"error\":\"" + error.replace("\"", "'") + "\",\"field\":null}");
    }

    /** One allowed entry: {@code *}, an address, or a network in CIDR notation ({@code 10.0.0.0/8}). */
    private record Allowed(byte[] network, int prefixBits) {

        static Allowed parse(String entry) {
            if ("*".equals(entry)) {
                return new Allowed(null, 0);
            }
            String[] parts = entry.split("/", 2);
            if (!parts[0].matches("[0-9a-fA-F.:]+")) {
                throw new IllegalArgumentException("dim.jolokia.allowed-clients takes addresses or networks "
                        + "(127.0.0.1, ::1, 10.0.0.0/8) or *; got '" + entry + "'");
            }
            try {
                byte[] network = InetAddress.getByName(parts[0]).getAddress();
                return new Allowed(network, parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("dim.jolokia.allowed-clients: cannot read '" + entry + "'", e);
            }
        }

        boolean matches(byte[] address) {
            if (network == null) {
                return true;
            }
            if (address.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefixBits; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
