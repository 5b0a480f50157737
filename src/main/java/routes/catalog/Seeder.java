package routes.catalog;

import java.io.IOException;
import java.net.URI;

import routes.storage.HashingInputStream;
import routes.storage.StoreRegistry;

/** Writes {@code size} bytes of generated data at a location and returns their SHA-256. */
public final class Seeder {

    private final StoreRegistry stores;

    public Seeder(StoreRegistry stores) {
        this.stores = stores;
    }

    public String seed(URI location, long size) throws IOException {
        try (HashingInputStream data = new HashingInputStream(new GeneratedData(size, System.nanoTime()))) {
            stores.store(location).write(location, "", data);
            return data.sha256Hex();
        }
    }
}
