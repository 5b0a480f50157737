package routes.catalog;

import java.util.EnumMap;
import java.util.Map;

/**
 * Classes and list prices a store gets when its registration does not say (US East / us-central1
 * first-tier list prices; see the README's store section). Retrieval and egress are per GB;
 * requests per 1,000.
 */
public final class StoreDefaults {

    private StoreDefaults() {
    }

    public static Map<Tier, Store.StoreClass> forScheme(String scheme) {
        Map<Tier, Store.StoreClass> c = new EnumMap<>(Tier.class);
        switch (scheme) {
            case "s3" -> {
                c.put(Tier.HOT, new Store.StoreClass("STANDARD", 0.023, 0, 0.09, 0.005, 0.0004, 0, 10));
                c.put(Tier.WARM, new Store.StoreClass("STANDARD_IA", 0.0125, 0.01, 0.09, 0.01, 0.001, 30, 10));
                c.put(Tier.COLD, new Store.StoreClass("GLACIER_IR", 0.004, 0.03, 0.09, 0.02, 0.01, 90, 10));
            }
            case "gs" -> {
                c.put(Tier.HOT, new Store.StoreClass("STANDARD", 0.020, 0, 0.12, 0.005, 0.0004, 0, 10));
                c.put(Tier.WARM, new Store.StoreClass("NEARLINE", 0.010, 0.01, 0.12, 0.01, 0.001, 30, 10));
                c.put(Tier.COLD, new Store.StoreClass("COLDLINE", 0.004, 0.02, 0.12, 0.02, 0.01, 90, 10));
            }
            default -> {
                // local disks: one class really; the tiers stand for the disks an operator assigns them
                c.put(Tier.HOT, new Store.StoreClass("hot", 0.023, 0, 0, 0, 0, 0, 10));
                c.put(Tier.WARM, new Store.StoreClass("warm", 0.0125, 0, 0, 0, 0, 0, 50));
                c.put(Tier.COLD, new Store.StoreClass("cold", 0.004, 0, 0, 0, 0, 0, 200));
            }
        }
        return c;
    }
}
