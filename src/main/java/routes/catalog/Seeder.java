package routes.catalog;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import routes.storage.DatasetChecksum;
import routes.storage.Encryption;
import routes.storage.HashingInputStream;
import routes.storage.ObjectStore;
import routes.storage.StoreRegistry;

/** Writes generated data at a location: one object, or {@code objects} objects under it, and
 *  returns the dataset checksum. */
public final class Seeder {

    private final StoreRegistry stores;
    private final StoreCatalog catalog;

    public Seeder(StoreRegistry stores, StoreCatalog catalog) {
        this.stores = stores;
        this.catalog = catalog;
    }

    public String seed(URI location, long size, int objects, Tier tier) throws IOException {
        ObjectStore store = stores.store(location);
        Map<String, String> digests = new LinkedHashMap<>();
        long seed = System.nanoTime();
        String storageClass = catalog.storageClass(location.toString(), tier);
        Encryption encryption = catalog.encryption(location.toString());
        for (int i = 0; i < objects; i++) {
            String key = objects == 1 ? "" : String.format("part-%05d", i);
            long part = size / objects + (i < size % objects ? 1 : 0);
            try (HashingInputStream data = new HashingInputStream(new GeneratedData(part, seed + i))) {
                store.write(location, key, data, part, storageClass, encryption);
                digests.put(key, data.sha256Hex());
            }
        }
        store.sync(location);
        return DatasetChecksum.of(digests);
    }
}
