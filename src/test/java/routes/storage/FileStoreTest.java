package routes.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static routes.support.ServiceTestSupport.sha256;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
                .hasMessageContaining("a storage root holds datasets and is none itself");
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
        assertThat(store.list(uri("dir"))).extracting(StoredObject::key, StoredObject::sizeBytes)
                .containsExactly(tuple("a", 10L), tuple("b/2", 20L));
        assertThat(store.list(uri("dir/a"))).extracting(StoredObject::key, StoredObject::sizeBytes)
                .containsExactly(tuple("", 10L));
        assertThat(store.list(uri("nothing-here"))).isEmpty();
        assertThat(store.stat(uri("dir"), "b/2")).get().extracting(StoredObject::key, StoredObject::sizeBytes)
                .containsExactly("b/2", 20L);
        assertThat(store.stat(uri("dir"), "missing")).isEmpty();
        assertThat(store.isEmpty(uri("dir"))).isFalse();
        assertThat(store.isEmpty(uri("nothing-here"))).isTrue();
    }

    @Test
    void pruningKeepsALinkToADirectoryAndWhatItLeadsTo() throws IOException {
        Path elsewhere = Files.createDirectories(root.resolve("elsewhere/empty"));
        Files.createDirectories(root.resolve("moved/sub"));
        Files.createSymbolicLink(root.resolve("moved/sub/link"), elsewhere.getParent());
        store.prune(uri("moved"));
        // only empty directories go: a link is not one, even where it leads to one
        assertThat(root.resolve("moved/sub/link")).isSymbolicLink();
        assertThat(elsewhere).isDirectory();
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

    /** Reads {@code key} of {@code from} through a hashing stream, as a move's copy step does, and has
     *  the store copy it for a move to {@code to}: the store's answer and the hash of what was read. */
    private static String[] copyForMove(FileStore store, URI from, URI to, String key) throws IOException {
        try (HashingInputStream in = new HashingInputStream(store.openRead(from, key))) {
            String answer = store.copyForMove(from, to, key, in, store.stat(from, key).orElseThrow().sizeBytes(),
                    "cold", Encryption.NONE);
            return new String[] {answer, in.sha256Hex(), Long.toString(in.count())};
        }
    }

    @Test
    void aMoveWithinOneFileSystemLinksTheSourceAndReadsItOnceToHashIt() throws IOException {
        Map<String, byte[]> objects = Map.of("a b/é.bin", "unicode and a space".getBytes(StandardCharsets.UTF_8),
                "empty", new byte[0], "deep/er/x", new byte[70_000]);
        for (Map.Entry<String, byte[]> o : objects.entrySet()) {
            Path f = root.resolve("hot/ds").resolve(o.getKey());
            Files.createDirectories(f.getParent());
            Files.write(f, o.getValue());
        }
        for (String key : objects.keySet()) {
            String[] done = copyForMove(store, uri("hot/ds"), uri("cold/ds"), key);
            Path source = root.resolve("hot/ds").resolve(key);
            Path target = root.resolve("cold/ds").resolve(key);
            assertThat(Files.isSameFile(source, target)).as("%s: one file under two names", key).isTrue();
            assertThat(Files.readAllBytes(source)).as("the source stays readable").isEqualTo(objects.get(key));
            assertThat(done[1]).isEqualTo(sha256(source));
            assertThat(Long.parseLong(done[2])).as("read through once").isEqualTo(objects.get(key).length);
            assertThat(done[0]).as("the identity a listing of the target reports")
                    .isNotNull().isEqualTo(store.stat(uri("cold/ds"), key).orElseThrow().checksum());
        }
        assertThat(store.list(uri("cold/ds"))).extracting(StoredObject::key)
                .containsExactlyInAnyOrderElementsOf(objects.keySet());
        try (Stream<Path> left = Files.walk(root.resolve("cold/ds"))) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".dim-partial"));
        }

        // a retry links again onto the name it made: still one file, nothing left over
        String[] again = copyForMove(store, uri("hot/ds"), uri("cold/ds"), "empty");
        assertThat(again[0]).isEqualTo(store.stat(uri("cold/ds"), "empty").orElseThrow().checksum());
        try (Stream<Path> names = Files.list(root.resolve("cold/ds"))) {
            assertThat(names.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a b", "empty", "deep");
        }

        // what else an earlier attempt left under the name is replaced
        Files.writeString(root.resolve("cold/ds/empty"), "left by something else");
        copyForMove(store, uri("hot/ds"), uri("cold/ds"), "empty");
        assertThat(Files.isSameFile(root.resolve("hot/ds/empty"), root.resolve("cold/ds/empty"))).isTrue();
        try (Stream<Path> names = Files.list(root.resolve("cold/ds"))) {
            assertThat(names.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a b", "empty", "deep");
        }

        // a symbolic link to the source under the name is no copy: it would lead nowhere once the source goes
        Files.delete(root.resolve("cold/ds/empty"));
        Files.createSymbolicLink(root.resolve("cold/ds/empty"), root.resolve("hot/ds/empty"));
        copyForMove(store, uri("hot/ds"), uri("cold/ds"), "empty");
        assertThat(Files.isSymbolicLink(root.resolve("cold/ds/empty"))).isFalse();
        assertThat(Files.isSameFile(root.resolve("hot/ds/empty"), root.resolve("cold/ds/empty"))).isTrue();

        // the file changed after it was hashed: its listing no longer reports the identity the move recorded
        String recorded = store.stat(uri("cold/ds"), "deep/er/x").orElseThrow().checksum();
        Files.write(root.resolve("cold/ds/deep/er/x"), new byte[70_001]);
        assertThat(store.stat(uri("cold/ds"), "deep/er/x").orElseThrow().checksum()).isNotEqualTo(recorded);
    }

    @Test
    void aMoveAcrossFileSystemsCopiesTheBytes() throws IOException {
        Path shm = Path.of("/dev/shm");
        assumeTrue(Files.isDirectory(shm) && !Files.getFileStore(shm).equals(Files.getFileStore(root)),
                "needs a second file system (/dev/shm)");
        Path other = Files.createTempDirectory(shm, "dim-filestore");
        try {
            FileStore both = new FileStore(List.of(root, other));
            byte[] bytes = "across".getBytes(StandardCharsets.UTF_8);
            Files.write(root.resolve("one"), bytes);
            URI to = URI.create("file://" + other.toRealPath().resolve("moved"));
            String[] done = copyForMove(both, uri("one"), to, "");
            assertThat(done[0]).as("a copy is verified by reading it back").isNull();
            Path target = other.resolve("moved");
            assertThat(Files.isSameFile(root.resolve("one"), target)).isFalse();
            assertThat(Files.readAllBytes(target)).isEqualTo(bytes);
            assertThat(done[1]).isEqualTo(sha256(target));
        } finally {
            try (Stream<Path> all = Files.walk(other)) {
                for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Test
    void aSymbolicLinkInADatasetIsCopiedNotLinked() throws IOException {
        Files.createDirectories(root.resolve("ds"));
        Files.writeString(root.resolve("real"), "through a link");
        Files.createSymbolicLink(root.resolve("ds/pointer"), root.resolve("real"));
        String[] done = copyForMove(store, uri("ds"), uri("moved"), "pointer");
        Path target = root.resolve("moved/pointer");
        assertThat(Files.isSymbolicLink(target)).isFalse();
        assertThat(Files.isSameFile(target, root.resolve("real"))).isFalse();
        assertThat(Files.readString(target)).isEqualTo("through a link");
        assertThat(done[0]).isNull();
    }
}
