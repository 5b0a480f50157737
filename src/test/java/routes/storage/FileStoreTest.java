package routes.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import routes.storage.file.FileStore;

class FileStoreTest {

    @TempDir
    Path tmp;
    Path root;
    FileStore store;

    @BeforeEach
    void setUp() throws IOException {
        root = tmp.resolve("root");
        store = new FileStore(List.of(root));
        root = root.toRealPath();
    }

    private URI uri(String relative) {
        return URI.create("file://" + root.resolve(relative));
    }

    @Test
    void locationsOutsideTheRootsAreRefused() {
        assertThatThrownBy(() -> store.validate(URI.create("file:///etc/hosts")))
                .isInstanceOf(InvalidLocationException.class).hasMessageContaining("outside the storage roots");
        assertThatThrownBy(() -> store.validate(URI.create("file://" + root + "/a/../../x")))
                .hasMessageContaining("'..'");
        assertThatThrownBy(() -> store.validate(URI.create("file://" + root)))
                .hasMessageContaining("outside the storage roots");
        assertThatThrownBy(() -> store.validate(URI.create("file://server/share/x")))
                .hasMessageContaining("no host");
        store.validate(uri("a/b/c"));
    }

    @Test
    void aSymlinkLeadingOutOfTheRootIsRefused() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.createSymbolicLink(root.resolve("link"), outside);
        assertThatThrownBy(() -> store.validate(uri("link/data"))).hasMessageContaining("outside the storage roots");
    }

    @Test
    void aWriteAppearsWholeAndAFailedWriteLeavesNothing() throws IOException {
        store.write(uri("d/one"), "", new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8)), 5, "hot", Encryption.NONE);
        assertThat(Files.readString(root.resolve("d/one"))).isEqualTo("hello");

        InputStream failing = new InputStream() {
            int n;

            @Override
            public int read() throws IOException {
                if (n++ > 1000) {
                    throw new IOException("disk vanished");
                }
                return 'x';
            }
        };
        assertThatThrownBy(() -> store.write(uri("d/two"), "", failing, 5000, "hot", Encryption.NONE)).hasMessageContaining("disk vanished");
        try (Stream<Path> files = Files.list(root.resolve("d"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("one");
        }
    }

    @Test
    void aDirectoryIsADatasetOfManyObjects() throws IOException {
        store.write(uri("dir"), "b/2", new ByteArrayInputStream(new byte[20]), 20, "hot", Encryption.NONE);
        store.write(uri("dir"), "a", new ByteArrayInputStream(new byte[10]), 10, "hot", Encryption.NONE);
        assertThat(store.list(uri("dir"))).containsExactly(new StoredObject("a", 10), new StoredObject("b/2", 20));
        assertThat(store.list(uri("dir/a"))).containsExactly(new StoredObject("", 10));
        assertThat(store.list(uri("nothing-here"))).isEmpty();
        assertThat(store.stat(uri("dir"), "b/2")).hasValue(new StoredObject("b/2", 20));
        assertThat(store.stat(uri("dir"), "missing")).isEmpty();
        assertThat(store.isEmpty(uri("dir"))).isFalse();
        assertThat(store.isEmpty(uri("nothing-here"))).isTrue();
    }

    @Test
    void aListingStreamsEveryObjectAcrossFoldersAndItsListFormIsInKeyOrder() throws IOException {
        List<String> keys = List.of("a-b", "a.c", "a/x", "a/y/z", "ab", "b");
        for (String key : keys) {
            Path f = root.resolve("ordered").resolve(key);
            Files.createDirectories(f.getParent());
            Files.writeString(f, key);
        }
        List<String> listed = new ArrayList<>();
        store.list(uri("ordered"), o -> listed.add(o.key()));
        assertThat(listed).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(store.list(uri("ordered"))).extracting(StoredObject::key).isEqualTo(keys);
        assertThatThrownBy(() -> store.openRead(uri("dir"), "../escape")).hasMessageContaining("escapes");

        store.delete(uri("dir"), "a");
        store.delete(uri("dir"), "b/2");
        store.delete(uri("dir"), "b/2"); // deleting what is gone is fine
        store.prune(uri("dir"));
        assertThat(root.resolve("dir")).doesNotExist();
    }

    @Test
    void aSyncPersistsEveryDirectoryTheWritesRenamedIntoUpToTheRoot() throws IOException {
        List<Path> synced = new ArrayList<>();
        FileStore recording = new FileStore(List.of(root), synced::add);
        URI copy = uri("tier/warm/ds");
        for (String key : List.of("a", "b/c", "b/d/e")) {
            recording.write(copy, key, new ByteArrayInputStream(new byte[] {1}), 1, "hot", Encryption.NONE);
        }
        recording.sync(copy);
        Path ds = root.resolve("tier/warm/ds");
        // children before parents: a name is persisted after what it names
        assertThat(synced).containsExactly(ds.resolve("b/d"), ds.resolve("b"), ds, ds.getParent(),
                ds.getParent().getParent(), root);

        synced.clear();
        recording.write(uri("single"), "", new ByteArrayInputStream(new byte[] {1}), 1, "hot", Encryption.NONE);
        recording.sync(uri("single"));
        assertThat(synced).containsExactly(root);

        FileStore failing = new FileStore(List.of(root), dir -> {
            throw new IOException("EIO on " + dir);
        });
        assertThatThrownBy(() -> failing.sync(copy)).hasMessageContaining("EIO");
        store.sync(copy); // the real fsync, directories opened read-only
    }
}
