package routes.plan;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.SerializationFeature;
import routes.infra.Json;
import routes.plan.sim.SimReport;
import routes.plan.sim.Simulator;
import routes.plan.sim.TraceEvent;
import routes.plan.sim.TraceGenerator;
import routes.plan.sim.TraceReader;

/**
 * The replay from the command line, with the defaults of application.properties:
 * <pre>
 *   simulate --trace FILE [--provider s3|gcs] [--latency-slo-ms N] [--max-cost-per-gb-month X]
 *            [--horizon-days N] [--min-residency-days N] [--min-saving-fraction X] [--egress-per-gb X]
 *   simulate --generate [--seed N] [--datasets N] [--days N] [--mix balanced|mostly-hot|mostly-cold|PATTERN] ...
 *   simulate --generate ... --write-trace FILE      (writes the generated trace as CSV, no replay)
 * </pre>
 * It prints the report as JSON, or a table with {@code --table}.
 */
public final class Simulate {

    private Simulate() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> a = parse(args);
        if (a.containsKey("help")) {
            System.out.println("usage: see the class comment of routes.plan.Simulate or README.md");
            return;
        }
        if (a.containsKey("write-trace")) {
            try (Writer w = Files.newBufferedWriter(Path.of(a.get("write-trace")), StandardCharsets.UTF_8)) {
                long n = generator(a).writeCsv(w);
                System.err.println(n + " events written to " + a.get("write-trace"));
            }
            return;
        }
        Decisions d = Decisions.fromProperties(Decisions.defaultProperties());
        SimReport report;
        if (a.containsKey("trace")) {
            try (BufferedReader in = Files.newBufferedReader(Path.of(a.get("trace")), StandardCharsets.UTF_8)) {
                report = simulator(d, a).run(new TraceReader(in));
            }
        } else if (a.containsKey("generate")) {
            report = simulator(d, a).run(generator(a));
        } else {
            System.err.println("give --trace FILE or --generate (see --help)");
            System.exit(2);
            return;
        }
        Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        out.write(a.containsKey("table") ? table(report) : Json.mapper().copy()
                .enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
        out.write("\n");
        out.flush();
    }

    private static Simulator simulator(Decisions d, Map<String, String> a) {
        return d.simulator(a.get("provider"), num(a, "latency-slo-ms"), num(a, "max-cost-per-gb-month"),
                num(a, "horizon-days"), num(a, "min-residency-days"), num(a, "min-saving-fraction"),
                num(a, "egress-per-gb"));
    }

    private static TraceGenerator generator(Map<String, String> a) {
        return new TraceGenerator(Long.parseLong(a.getOrDefault("seed", "1")),
                Integer.parseInt(a.getOrDefault("datasets", "200")), Integer.parseInt(a.getOrDefault("days", "365")),
                a.getOrDefault("mix", "balanced"));
    }

    /** A Markdown table of the report, as in bench/DECISIONS.md. */
    public static String table(SimReport r) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "%d events, %d datasets, %d days, %s; %d events/s%n%n"
                        + "| policy | total $ | storage | retrieval | requests | migration | early del. | SLO misses "
                        + "| migrations | / optimum |%n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|%n",
                r.trace().events(), r.trace().datasets(), r.trace().days(), r.provider(), r.timing().eventsPerSecond()));
        for (SimReport.PolicyResult p : r.policies()) {
            b.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %d | %d | %.3f |%n",
                    p.name(), p.totalCost(), p.storage(), p.retrieval(), p.requests(), p.migration(),
                    p.earlyDeletion(), p.sloMisses(), p.migrations(), p.costVsOptimum()));
        }
        return b.toString();
    }

    private static Double num(Map<String, String> a, String k) {
        return a.containsKey(k) ? Double.valueOf(a.get(k)) : null;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
            }
            String k = args[i].substring(2);
            boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
            m.put(k, hasValue ? args[++i] : "true");
        }
        return m;
    }
}
