package routes.catalog;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import routes.storage.Encryption;
import routes.storage.StoreConfig;

/**
 * The stores named in configuration ({@code dim.stores=local,archive} and {@code dim.stores.<name>.*}),
 * registered at every start so configuration wins over earlier API edits of the same name. Every
 * class field may be given per tier ({@code dim.stores.archive.cold.storage-class=DEEP_ARCHIVE});
 * what is not given takes the scheme's defaults.
 */
public final class ConfiguredStores {

    private ConfiguredStores() {
    }

    /** {@code localPrefix}: the prefix of a store named "local" when configuration gives none. */
    public static List<Store> read(StoreConfig config, String localPrefix) {
        List<Store> stores = new ArrayList<>();
        for (String name : Arrays.stream(config.get("dim.stores", "local").split(",")).map(String::trim)
                .filter(n -> !n.isEmpty()).toList()) {
            String key = "dim.stores." + name + ".";
            String prefix = config.get(key + "uri-prefix", name.equals("local") ? localPrefix : "");
            if (prefix.isBlank()) {
                throw new IllegalArgumentException(key + "uri-prefix is required");
            }
            prefix = prefix.endsWith("/") ? prefix : prefix + "/";
            Map<Tier, Store.StoreClass> classes = new EnumMap<>(StoreDefaults.forScheme(URI.create(prefix).getScheme()));
            for (Tier tier : Tier.values()) {
                String t = key + tier.json() + ".";
                Store.StoreClass d = classes.get(tier);
                classes.put(tier, new Store.StoreClass(
                        config.get(t + "storage-class", d.storageClass()),
                        number(config, t + "cost-per-gb-month", d.costPerGbMonth()),
                        number(config, t + "retrieval-cost-per-gb", d.retrievalCostPerGb()),
                        number(config, t + "egress-cost-per-gb", d.egressCostPerGb()),
                        number(config, t + "put-cost-per-1k", d.putCostPer1k()),
                        number(config, t + "get-cost-per-1k", d.getCostPer1k()),
                        (int) config.getLong(t + "min-storage-days", d.minStorageDays()),
                        number(config, t + "first-byte-latency-ms", d.firstByteLatencyMs())));
            }
            String encryption = blankToNull(config.get(key + "encryption", ""));
            try {
                Encryption.parse(encryption).requireFits(URI.create(prefix).getScheme());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + "encryption: " + e.getMessage(), e);
            }
            stores.add(new Store(name, prefix, blankToNull(config.get(key + "region", "")), encryption, classes,
                    null, null));
        }
        return stores;
    }

    private static double number(StoreConfig config, String key, double fallback) {
        return Double.parseDouble(config.get(key, Double.toString(fallback)).trim());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
