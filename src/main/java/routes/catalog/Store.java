package routes.catalog;

import java.time.Instant;
import java.util.Map;

import routes.storage.Encryption;

/** A registered storage location and, per tier, the class data is kept in there and its prices. */
public record Store(String name, String uriPrefix, String region, String encryption, Map<Tier, StoreClass> classes,
                    Instant createdAt, Instant updatedAt) {

    /** One class of a store: its own name for it (STANDARD_IA, NEARLINE...) and what it costs. */
    public record StoreClass(String storageClass, double costPerGbMonth, double retrievalCostPerGb,
                             double egressCostPerGb, double putCostPer1k, double getCostPer1k, int minStorageDays,
                             double firstByteLatencyMs) {
    }

    /** How the store encrypts what is written to it (validated when the store was registered). */
    public Encryption encrypts() {
        return Encryption.parse(encryption);
    }

    /** True when {@code uri} lies in this store: equal to its prefix or below it. */
    public boolean holds(String uri) {
        String prefix = uriPrefix.endsWith("/") ? uriPrefix : uriPrefix + "/";
        return uri.startsWith(prefix) || uri.equals(uriPrefix);
    }
}
