package routes.storage.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import routes.storage.Encryption;
import routes.storage.InvalidLocationException;
import routes.storage.ObjectStore;
import routes.storage.StoredObject;

/** Local filesystem storage, confined to configured roots: a location outside them, through
 *  {@code ..} or through a symbolic link, is refused. A file system keeps no checksum of a file's
 *  content; what a listing reports in its place is the file's identity (device, inode, size, last
 *  modification, see {@link #identity}), which tells a move's verification that a file linked for the
 *  move is still the one whose bytes were hashed. */
public final class FileStore implements ObjectStore {

    private static final String PARTIAL_SUFFIX = ".dim-partial";
    private static final int BUFFER = 1 << 20;

    /** Persists a directory's entries (the names renamed or created in it). */
    @FunctionalInterface
    public interface DirectorySync {
        void sync(Path directory) throws IOException;
    }

    private final List<Path> roots;
    private final DirectorySync directories;

    public FileStore(List<Path> roots) throws IOException {
        this(roots, FileStore::fsync);
    }

    /** With {@code directories}: how a directory is synced (tests record it; the service fsyncs). */
    public FileStore(List<Path> roots, DirectorySync directories) throws IOException {
        for (Path root : roots) {
            Files.createDirectories(root);
        }
        this.roots = roots.stream().map(FileStore::real).toList();
        this.directories = directories;
    }

    public List<Path> roots() {
        return roots;
    }

    @Override
    public String scheme() {
        return "file";
    }

    @Override
    public void validate(URI location) {
        path(location);
    }

    @Override
    public void list(URI location, Listing each) throws IOException {
        Path path = path(location);
        Optional<StoredObject> one = stored("", path, attributes(path));
        if (one.isPresent()) {
            each.accept(one.get());
        } else if (Files.isDirectory(path)) {
            walk(path, path, each);
        }
    }

    /** Streams a directory tree as the file system orders it: sorting would mean holding every name
     *  of a directory at once (about 250 bytes per file, 12 MiB for 50,000 files in one folder). */
    private void walk(Path base, Path dir, Listing each) throws IOException {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                BasicFileAttributes a = attributes(child);
                if (a == null || child.getFileName().toString().endsWith(PARTIAL_SUFFIX)) {
                    continue; // gone since the directory was read, or a write in progress
                }
                if (a.isDirectory()) {
                    walk(base, child, each);
                } else if (a.isRegularFile()) {
                    each.accept(new StoredObject(key(base, child), a.size(), identity(a)));
                } else if (a.isSymbolicLink() && Files.isRegularFile(child)) {
                    each.accept(new StoredObject(key(base, child), size(child)));
                }
            }
        }
    }

    @Override
    public Optional<StoredObject> stat(URI location, String key) throws IOException {
        Path p = resolve(location, key);
        return stored(key, p, attributes(p));
    }

    /** The object at {@code p} with its attributes {@code a}: a plain file with its identity, a symbolic
     *  link to one with its target's size; nothing else is an object. */
    private static Optional<StoredObject> stored(String key, Path p, BasicFileAttributes a) throws IOException {
        if (a == null) {
            return Optional.empty();
        }
        if (a.isRegularFile()) {
            return Optional.of(new StoredObject(key, a.size(), identity(a)));
        }
        return a.isSymbolicLink() && Files.isRegularFile(p) ? Optional.of(new StoredObject(key, Files.size(p)))
                : Optional.empty();
    }

    @Override
    public InputStream openRead(URI location, String key) throws IOException {
        return Files.newInputStream(resolve(location, key));
    }

    @Override
    public String write(URI location, String key, InputStream in, long size, String storageClass,
                      Encryption encryption)
            throws IOException {
        Path target = resolve(location, key);
        makeParent(target);
        Path partial = partial(target);
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(channel)) {
                byte[] buffer = new byte[(int) Math.max(8192, Math.min(BUFFER, size))]; // small objects, small buffers
                for (int n; (n = in.read(buffer)) > 0; ) {
                    out.write(buffer, 0, n);
                }
                channel.force(true); // durable before it becomes visible
            }
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(partial);
            }
        }
        return null; // a file system keeps no checksum: a copy here is verified by reading it back
    }

    /**
     * Within one file system a move need not copy: the target is made a second name (a hard link) of the
     * source's file, which appears at once and whole, as {@code mv} would rename it, and {@code source}
     * is read through once to be hashed.
     * The source keeps its name, and stays readable and primary, until the move deletes it; the move
     * needs no space for a second copy and no fsync per file, only of the target's directories
     * ({@link #sync}). What is returned is the file's identity, taken before and after the read: a
     * listing that reports the same identity shows the target is still the file that was hashed, so the
     * verification need not read it again (read it anyway with {@code dim.mover.verify = read}).
     * Across file systems (a link cannot cross them), for a source that is not a plain file, or if the
     * file changed while it was read, this is {@link #write}'s copy (or its identity is not returned, and
     * the copy is read back).
     */
    @Override
    public String copyForMove(URI fromLocation, URI location, String key, InputStream source, long size,
                              String storageClass, Encryption encryption) throws IOException {
        Path from = resolve(fromLocation, key);
        Path target = resolve(location, key);
        BasicFileAttributes before = attributes(from);
        if (before == null || !before.isRegularFile()) {
            return write(location, key, source, size, storageClass, encryption);
        }
        makeParent(target);
        if (!link(from, target)) {
            return write(location, key, source, size, storageClass, encryption);
        }
        BasicFileAttributes linked = attributes(target);
        source.transferTo(OutputStream.nullOutputStream());
        BasicFileAttributes after = attributes(target);
        String identity = identity(before);
        return identity != null && linked != null && after != null && identity.equals(identity(linked))
                && identity.equals(identity(after)) ? identity : null;
    }

    /** A file is synced as it is written, but its name is only in its directory's page cache until
     *  the directory is synced: after a power cut the copy could be gone while its source has been
     *  deleted. So every directory of the location (children first) and each one above it up to its
     *  root, which the writes may have created, is synced once per copy rather than once per file. */
    @Override
    public void sync(URI location) throws IOException {
        Path path = real(path(location));
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failed) throws IOException {
                    if (failed != null) {
                        throw failed;
                    }
                    directories.sync(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        Path root = roots.stream().filter(path::startsWith).findFirst().orElseThrow();
        for (Path dir = path.getParent(); dir != null && dir.startsWith(root); dir = dir.getParent()) {
            directories.sync(dir);
        }
    }

    /** Creates the directory an object goes in: one stat when it is there, not a failing mkdir per object. */
    private static void makeParent(Path target) throws IOException {
        if (!Files.isDirectory(target.getParent())) {
            Files.createDirectories(target.getParent());
        }
    }

    /** Gives {@code from}'s file the name {@code target}, which appears at once and whole, as a write's
     *  rename does; a file an earlier attempt left there is replaced the same way (linked under a hidden
     *  name, renamed over it). False when the two are on different file systems, or links are not
     *  supported: then the file must be copied. */
    private static boolean link(Path from, Path target) throws IOException {
        try {
            try {
                Files.createLink(target, from);
                return true;
            } catch (FileAlreadyExistsException e) {
                if (sameFile(attributes(from), attributes(target))) {
                    return true; // linked by an earlier attempt
                }
            }
            Path partial = partial(target);
            try {
                Files.deleteIfExists(partial);
                Files.createLink(partial, from);
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(partial);
            }
            return true;
        } catch (FileSystemException | UnsupportedOperationException e) {
            return false; // another file system (EXDEV), or one without hard links
        }
    }

    /** Both are the same plain file: not a symbolic link to it, whose name would lead nowhere once the
     *  source's is deleted. */
    private static boolean sameFile(BasicFileAttributes a, BasicFileAttributes b) {
        return a != null && b != null && a.isRegularFile() && b.isRegularFile() && a.fileKey() != null
                && a.fileKey().equals(b.fileKey());
    }

    /** Which file this is, its size and when it last changed: equal identities mean the same bytes,
     *  unless they were rewritten at the same size within one tick of the file system's clock. Null where
     *  the file system gives files no key. */
    static String identity(BasicFileAttributes a) {
        return a.fileKey() == null ? null
                : a.fileKey() + "@" + a.lastModifiedTime().to(TimeUnit.NANOSECONDS) + "+" + a.size();
    }

    /** A path's own attributes (a symbolic link's, not its target's), or null when it cannot be read
     *  (nothing there, or a file where a directory would be), as {@link Files#isRegularFile} says false. */
    private static BasicFileAttributes attributes(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }

    /** Where a write or link is made before it is renamed into place: hidden, and left out of listings. */
    private static Path partial(Path target) {
        return target.resolveSibling("." + target.getFileName() + PARTIAL_SUFFIX);
    }

    private static void fsync(Path directory) throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    @Override
    public void delete(URI location, String key) throws IOException {
        Files.deleteIfExists(resolve(location, key));
    }

    @Override
    public void prune(URI location) throws IOException {
        Path path = path(location);
        if (!Files.isDirectory(path)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            // a link to a directory is no directory of the dataset's: deleting it would lose the link
            for (Path dir : all.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .sorted((a, b) -> b.compareTo(a)).toList()) {
                try {
                    Files.deleteIfExists(dir);
                } catch (DirectoryNotEmptyException ignored) {
                    // something else lives there; leave it
                }
            }
        } catch (NoSuchFileException ignored) {
            // already gone
        }
    }

    @Override
    public String health() {
        for (Path root : roots) {
            if (!Files.isDirectory(root) || !Files.isWritable(root)) {
                return "DOWN: " + root + " is not a writable directory";
            }
        }
        return "UP";
    }

    /** The path a location names, after checking it stays inside a root. */
    Path path(URI location) {
        if (!"file".equalsIgnoreCase(location.getScheme())) {
            throw new InvalidLocationException("not a file:// URI: " + location);
        }
        if (location.getAuthority() != null && !location.getAuthority().isEmpty()) {
            throw new InvalidLocationException("file URIs take no host: use file:///absolute/path");
        }
        String raw = location.getPath();
        if (raw == null || !raw.startsWith("/")) {
            throw new InvalidLocationException("file URIs need an absolute path: file:///absolute/path");
        }
        for (String segment : raw.split("/")) {
            if (segment.equals("..") || segment.equals(".")) {
                throw new InvalidLocationException("path may not contain '.' or '..' segments");
            }
        }
        Path path = Path.of(raw).normalize();
        Path resolved = realOfExistingPart(path);
        for (Path root : roots) {
            if (resolved.equals(root)) {
                throw new InvalidLocationException("a storage root holds datasets and is none itself: name a "
                        + "file or folder inside " + root);
            }
            if (resolved.startsWith(root)) {
                return path;
            }
        }
        throw new InvalidLocationException("path is outside the storage roots " + roots);
    }

    private Path resolve(URI location, String key) {
        Path base = path(location);
        if (key.isEmpty()) {
            return base;
        }
        Path p = base.resolve(key).normalize();
        if (!p.startsWith(base)) {
            throw new InvalidLocationException("object key escapes its dataset: " + key);
        }
        return p;
    }

    /** Resolves symbolic links in the part of the path that exists, so a link cannot lead out. */
    private static Path realOfExistingPart(Path path) {
        Path existing = path;
        Path rest = Path.of("");
        while (existing != null && !Files.exists(existing)) {
            rest = existing.getFileName().resolve(rest);
            existing = existing.getParent();
        }
        if (existing == null) {
            return path;
        }
        return real(existing).resolve(rest).normalize();
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            throw new InvalidLocationException("cannot resolve " + p + ": " + e.getMessage());
        }
    }

    private static String key(Path base, Path file) {
        return base.relativize(file).toString().replace('\\', '/');
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            return 0;
        }
    }
}
