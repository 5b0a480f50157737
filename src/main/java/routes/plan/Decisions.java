package routes.plan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;

import routes.classify.TieringModel;
import routes.plan.sim.Simulator;

/**
 * The decision settings ({@code dim.decisions.*} and {@code dim.prices.*}) and what is built from
 * them: the price catalog, the cost model, placement, and replays. One place, so the service, the
 * CLI and the tests decide alike.
 */
public record Decisions(PriceCatalog catalog, String provider, Placement.Settings placement, double egressPerGb) {

    public static Decisions fromProperties(Function<String, String> p) {
        return new Decisions(PriceCatalog.configured(p), or(p.apply("dim.decisions.provider"), "s3"),
                new Placement.Settings(PriceCatalog.number(p, "dim.decisions.horizon-days", 90),
                        PriceCatalog.number(p, "dim.decisions.min-residency-days", 60),
                        PriceCatalog.number(p, "dim.decisions.min-saving-fraction", 0.2)),
                PriceCatalog.number(p, "dim.decisions.egress-per-gb", 0));
    }

    /** application.properties from the classpath, for the CLI (the service has Camel's properties). */
    public static Function<String, String> defaultProperties() {
        Properties props = new Properties();
        try (InputStream in = Decisions.class.getResourceAsStream("/application.properties")) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return k -> {
            String v = props.getProperty(k);
            return v == null ? null : v.trim();
        };
    }

    public List<StorageClass> classes() {
        return catalog.classes(provider);
    }

    public Placement placementWith(Placement.Settings s, double egress) {
        return new Placement(new CostModel(egress), s);
    }

    /** A replay with these settings, each null argument taking the configured value. */
    public Simulator simulator(String provider, Double latencySloMs, Double maxCostPerGbMonth, Double horizonDays,
                               Double minResidencyDays, Double minSavingFraction, Double egressPerGb) {
        String pr = provider == null ? this.provider : provider;
        Placement.Settings s = new Placement.Settings(or(horizonDays, placement.horizonDays()),
                or(minResidencyDays, placement.minResidencyDays()), or(minSavingFraction, placement.minSavingFraction()));
        return new Simulator(pr, catalog.classes(pr), catalog.selfTiering(pr), placementWith(s, or(egressPerGb, this.egressPerGb)),
                new PlacementPolicy(latencySloMs, maxCostPerGbMonth), DemandForecast.RECENT_OR_RECURRING,
                new TieringModel(new TieringModel.Params(30, 30, 8, 7, 200, 0.7)));
    }

    private static <T> T or(T v, T fallback) {
        return v == null ? fallback : v;
    }

    private static String or(String v, String fallback) {
        return v == null || v.isBlank() ? fallback : v.trim();
    }
}
