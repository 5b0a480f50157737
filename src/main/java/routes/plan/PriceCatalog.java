package routes.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import routes.catalog.Tier;

/**
 * The storage classes of each provider, hottest first, with their prices. The defaults are the list
 * prices collected in the project's store notes (US East / us-central1); every figure can be
 * overridden with {@code dim.prices.<class>.<field>}, e.g. {@code dim.prices.s3-standard-ia.retrieval-per-gb}.
 * First-byte latencies are the project's tier latencies (hot 10 ms, warm 50 ms, cold 200 ms).
 */
public final class PriceCatalog {

    private static final long KB128 = 128 * 1024;
    /** Days without access after which a self-tiering class moves an object one class colder. */
    private static final int[] SELF_TIERING_IDLE_DAYS = {30, 90, 365};
    private static final double MONITORING_PER_OBJECT_MONTH = 0.0025 / 1000;

    private final Map<String, List<StorageClass>> providers;

    public PriceCatalog(Map<String, List<StorageClass>> providers) {
        this.providers = new LinkedHashMap<>(providers);
    }

    public static PriceCatalog defaults() {
        Map<String, List<StorageClass>> p = new LinkedHashMap<>();
        p.put("s3", List.of(
                new StorageClass("s3-standard", Tier.HOT, 0.023, 0, 0.005, 0.0004, 0, 0, 10),
                new StorageClass("s3-standard-ia", Tier.WARM, 0.0125, 0.01, 0.01, 0.001, 30, KB128, 50),
                new StorageClass("s3-glacier-ir", Tier.COLD, 0.004, 0.03, 0.02, 0.01, 90, KB128, 200)));
        // GCS operation prices are not in the notes ("higher than Standard"): these are GCS's published
        // class A / class B prices per 10,000 operations, divided by 10; check before relying on them.
        p.put("gcs", List.of(
                new StorageClass("gcs-standard", Tier.HOT, 0.020, 0, 0.005, 0.0004, 0, 0, 10),
                new StorageClass("gcs-nearline", Tier.WARM, 0.010, 0.01, 0.01, 0.001, 30, 0, 50),
                new StorageClass("gcs-coldline", Tier.COLD, 0.004, 0.02, 0.02, 0.01, 90, 0, 200),
                new StorageClass("gcs-archive", Tier.COLD, 0.0012, 0.05, 0.05, 0.05, 365, 0, 200)));
        return new PriceCatalog(p);
    }

    /** The defaults with every {@code dim.prices.<class>.<field>} that {@code lookup} knows applied. */
    public static PriceCatalog configured(Function<String, String> lookup) {
        Map<String, List<StorageClass>> p = new LinkedHashMap<>();
        defaults().providers.forEach((provider, classes) -> {
            List<StorageClass> out = new ArrayList<>();
            for (StorageClass c : classes) {
                String k = "dim.prices." + c.name() + ".";
                out.add(new StorageClass(c.name(), c.tier(),
                        number(lookup, k + "storage-per-gb-month", c.storagePerGbMonth()),
                        number(lookup, k + "retrieval-per-gb", c.retrievalPerGb()),
                        number(lookup, k + "put-per-1k", c.putPer1k()),
                        number(lookup, k + "get-per-1k", c.getPer1k()),
                        (int) number(lookup, k + "min-storage-days", c.minStorageDays()),
                        (long) number(lookup, k + "min-billable-bytes", c.minBillableBytes()),
                        number(lookup, k + "first-byte-ms", c.firstByteMs())));
            }
            p.put(provider, List.copyOf(out));
        });
        return new PriceCatalog(p);
    }

    /** A numeric setting, or {@code fallback} when unset; refuses a value that is not a number. */
    static double number(Function<String, String> lookup, String key, double fallback) {
        String v = lookup.apply(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, not '" + v + "'");
        }
    }

    public List<String> providers() {
        return List.copyOf(providers.keySet());
    }

    /** The classes of one provider, hottest (most expensive to store) first. */
    public List<StorageClass> classes(String provider) {
        List<StorageClass> c = providers.get(provider.toLowerCase(Locale.ROOT));
        if (c == null) {
            throw new IllegalArgumentException("unknown provider '" + provider + "'; known: " + providers.keySet());
        }
        return c;
    }

    /**
     * The provider's self-tiering class (S3 Intelligent-Tiering; GCS Autoclass with Archive as its last
     * class), priced from its classes as the services bill it: the hottest class's storage and request
     * prices, then each colder class's storage price and latency after 30, 90 (and 365) days without
     * access, no retrieval or early-deletion fees, and $0.0025 per 1,000 objects a month for monitoring
     * (S3's fee; the notes give none for Autoclass, so the same is assumed).
     */
    public StorageClass selfTiering(String provider) {
        List<StorageClass> c = classes(provider);
        StorageClass hot = c.get(0);
        List<AutoTiering.Step> steps = new ArrayList<>();
        for (int i = 1; i < c.size() && i <= SELF_TIERING_IDLE_DAYS.length; i++) {
            steps.add(new AutoTiering.Step(SELF_TIERING_IDLE_DAYS[i - 1], c.get(i).storagePerGbMonth(),
                    c.get(i).firstByteMs()));
        }
        String p = provider.toLowerCase(Locale.ROOT);
        String name = p.equals("gcs") ? "gcs-autoclass" : p + "-intelligent-tiering";
        return new StorageClass(name, Tier.WARM, hot.storagePerGbMonth(), 0, hot.putPer1k(), hot.getPer1k(), 0, 0,
                hot.firstByteMs(), new AutoTiering(steps, MONITORING_PER_OBJECT_MONTH));
    }

    /** The classes placement and the optimum choose among: the provider's classes and its self-tiering one. */
    public List<StorageClass> withSelfTiering(String provider) {
        List<StorageClass> all = new ArrayList<>(classes(provider));
        all.add(selfTiering(provider));
        return List.copyOf(all);
    }

    public boolean has(String provider) {
        return provider != null && providers.containsKey(provider.toLowerCase(Locale.ROOT));
    }
}
