package routes.plan;

import java.util.EnumMap;
import java.util.Map;

import routes.catalog.Tier;

/** What each storage class costs and how fast it answers, from configuration
 *  ({@code dim.tiers.<tier>.*}). Planning checks a target's class against the dataset's policy. */
public final class TierCatalog {

    /** The price and first-byte latency of one class. */
    public record TierSpec(double costPerGbMonth, double firstByteLatencyMs) {
    }

    private final Map<Tier, TierSpec> specs;

    public TierCatalog(Map<Tier, TierSpec> specs) {
        this.specs = new EnumMap<>(specs);
    }

    public TierSpec spec(Tier tier) {
        return specs.get(tier);
    }
}
