package routes.move;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import routes.storage.StoredObject;
import routes.storage.file.FileStore;

/** A source listed once gives its totals and then the same objects, in the same order, as often as asked,
 *  from a file that is gone from its directory while it is in use. */
class SourceListingTest {

    @TempDir
    Path root;

    @Test
    void replaysTheStoresListingWithItsTotalsAndLeavesNoFileBehind() throws IOException {
        Path data = root.resolve("data");
        write(data.resolve("a b/ünï cødé.bin"), 10);
        write(data.resolve("empty"), 0);
        write(data.resolve("deep/er/still/x.csv"), 2_500);
        write(data.resolve("line\nbreak"), 7);
        FileStore store = new FileStore(List.of(root));
        Path listings = root.resolve("listings");
        List<StoredObject> listed = new ArrayList<>();
        store.list(data.toUri(), listed::add);

        try (SourceListing listing = SourceListing.of(store, data.toUri(), listings)) {
            assertThat(listing.objects()).isEqualTo(4);
            assertThat(listing.bytes()).isEqualTo(2_517);
            assertThat(files(listings)).as("unlinked while open").isEmpty();
            for (int pass = 0; pass < 2; pass++) {
                List<StoredObject> replayed = new ArrayList<>();
                listing.forEach(replayed::add);
                assertThat(replayed).isEqualTo(listed);
            }
        }
        assertThat(files(listings)).isEmpty();
    }

    @Test
    void anEmptyLocationListsNothing() throws IOException {
        Files.createDirectories(root.resolve("nothing"));
        try (SourceListing listing = SourceListing.of(new FileStore(List.of(root)), root.resolve("nothing").toUri(),
                root.resolve("listings"))) {
            assertThat(listing.objects()).isZero();
            assertThat(listing.bytes()).isZero();
            listing.forEach(o -> {
                throw new AssertionError("listed " + o);
            });
        }
    }

    private static void write(Path file, int size) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[size]);
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> all = Files.list(dir)) {
            return all.toList();
        }
    }
}
