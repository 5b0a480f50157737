package routes.classify;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import routes.catalog.Tier;

/**
 * The rule-based classifier used until a trained model is available: frequency (accesses in the
 * look-back period) and recency (time since the last access) against the thresholds in
 * {@link RuleParams}. Confidence is 0.5 plus half the relative distance of the deciding measure from
 * its threshold, capped at 1: a dataset right at a boundary gets 0.5, one far from it gets 1.
 */
public final class RecencyFrequencyClassifier {

    /** The outcome of classifying one dataset. */
    public record Classification(Tier tier, double confidence, String reason) {
    }

    private final AtomicReference<RuleParams> params;
    private final AtomicReference<String> version;

    public RecencyFrequencyClassifier(RuleParams defaults, String version) {
        this.params = new AtomicReference<>(defaults);
        this.version = new AtomicReference<>(version);
    }

    public RuleParams params() {
        return params.get();
    }

    public String version() {
        return version.get();
    }

    /** Switches to newly trained parameters; in-flight classifications finish with the old ones. */
    public void use(RuleParams trained, String newVersion) {
        params.set(trained);
        version.set(newVersion);
    }

    public Classification classify(AccessStats stats, Instant now) {
        RuleParams p = params.get();
        Instant last = stats.lastAccess() != null ? stats.lastAccess() : stats.createdAt();
        Duration idle = Duration.between(last, now).isNegative() ? Duration.ZERO : Duration.between(last, now);
        long n = stats.accesses();
        String facts = n + " accesses in the last " + human(p.lookback()) + ", "
                + (stats.lastAccess() == null ? "never accessed (created " + human(idle) + " ago)"
                : "last access " + human(idle) + " ago");
        if (n >= p.hotAccesses() && idle.compareTo(p.hotWithin()) <= 0) {
            double margin = Math.min(relative(n - p.hotAccesses(), p.hotAccesses()),
                    relative(p.hotWithin().minus(idle).toMillis(), p.hotWithin().toMillis()));
            return new Classification(Tier.HOT, confidence(margin), facts + "; hot needs >= " + p.hotAccesses()
                    + " accesses and one within " + human(p.hotWithin()));
        }
        if (idle.compareTo(p.coldAfter()) > 0) {
            double margin = relative(idle.minus(p.coldAfter()).toMillis(), p.coldAfter().toMillis());
            return new Classification(Tier.COLD, confidence(margin), facts + "; cold after "
                    + human(p.coldAfter()) + " without access");
        }
        double toCold = relative(p.coldAfter().minus(idle).toMillis(), p.coldAfter().toMillis());
        double toHot = n < p.hotAccesses()
                ? relative(p.hotAccesses() - n, p.hotAccesses())
                : relative(idle.minus(p.hotWithin()).toMillis(), p.hotWithin().toMillis());
        return new Classification(Tier.WARM, confidence(Math.min(toCold, toHot)), facts + "; warm: below hot ("
                + p.hotAccesses() + " accesses within " + human(p.hotWithin()) + ") and accessed within "
                + human(p.coldAfter()));
    }

    private static double relative(double distance, double threshold) {
        return threshold <= 0 ? 1 : Math.max(0, Math.min(1, distance / threshold));
    }

    private static double confidence(double margin) {
        return Math.round((0.5 + 0.5 * margin) * 1000) / 1000.0;
    }

    static String human(Duration d) {
        long s = d.getSeconds();
        if (s < 120) {
            return s + " s";
        }
        if (s < 7200) {
            return s / 60 + " min";
        }
        if (s < 172800) {
            return s / 3600 + " h";
        }
        return s / 86400 + " d";
    }
}
