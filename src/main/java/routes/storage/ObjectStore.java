package routes.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The one contract every storage backend implements. A dataset lives at a location: a single
 * object, or a prefix/directory of many; objects are addressed by their key below it. Routes and
 * steps only ever see this interface.
 */
public interface ObjectStore {

    /** The URI scheme this store serves, such as {@code file}. */
    String scheme();

    /** Refuses a location this store must not touch (malformed, escaping its roots). */
    void validate(URI location);

    /** Receives the objects of a listing, one at a time. */
    @FunctionalInterface
    interface Listing {
        void accept(StoredObject object) throws IOException;
    }

    /** Hands the objects at a location to {@code each} as the store lists them (page by page, in an
     *  order of the store's choosing), so memory does not grow with their number; nothing when nothing
     *  is there. */
    void list(URI location, Listing each) throws IOException;

    /** The objects at a location as one list, in key order: for callers that expect few of them. */
    default List<StoredObject> list(URI location) throws IOException {
        List<StoredObject> objects = new ArrayList<>();
        list(location, objects::add);
        objects.sort(Comparator.comparing(StoredObject::key));
        return objects;
    }

    /** True when nothing is at a location: stops listing at the first object. */
    default boolean isEmpty(URI location) throws IOException {
        try {
            list(location, o -> {
                throw new ListingStopped();
            });
            return true;
        } catch (ListingStopped found) {
            return false;
        }
    }

    /** One object's size and the store's checksum of it (as a listing gives them), or empty when it is
     *  not there. */
    Optional<StoredObject> stat(URI location, String key) throws IOException;

    /** Opens one object for streaming reads. */
    InputStream openRead(URI location, String key) throws IOException;

    /** Streams {@code size} bytes from {@code in} into one object of the given storage class (the
     *  store's own name for it; stores without classes ignore it), encrypted as the store is registered
     *  to ({@link Encryption#NONE}: the backend's configured default). The object appears whole or not
     *  at all: a reader never sees a partial write, and a failed write leaves nothing behind.
     *
     *  @return the checksum a listing of this store will report for the object if it holds exactly the
     *  bytes read from {@code in} (worked out from those bytes as they passed), or null when the store
     *  keeps no checksum that can be predicted: then only reading the object back verifies it */
    String write(URI location, String key, InputStream in, long size, String storageClass, Encryption encryption)
            throws IOException;

    /** Like {@link #write}, for an object at {@code fromLocation} in this same store (the same key): a
     *  store that can copy within itself (S3 CopyObject) does so, so the bytes are not sent back to it,
     *  and reads {@code source} (the object as the service read it) only to foretell the copy's
     *  checksum; the caller hashes what passes. Stores that cannot just write {@code source}. */
    default String copyWithin(URI fromLocation, URI location, String key, InputStream source, long size,
                              String storageClass, Encryption encryption) throws IOException {
        return write(location, key, source, size, storageClass, encryption);
    }

    /** Like {@link #copyWithin}, for a copy whose source will be deleted once the copy is verified (a
     *  move, never a replica): a store may then give the source's bytes a second name instead of copying
     *  them (a file system's hard link), as long as the checksum it returns lets a listing tell that the
     *  object is still exactly what {@code source} read. Stores that cannot copy within themselves. */
    default String copyForMove(URI fromLocation, URI location, String key, InputStream source, long size,
                               String storageClass, Encryption encryption) throws IOException {
        return copyWithin(fromLocation, location, key, source, size, storageClass, encryption);
    }

    /** Makes what was written at a location survive a crash of the machine, before anything depends on
     *  it (the switch to the copy, the delete of the source). An object store's write is durable when it
     *  returns, so this does nothing; a file system must also persist the directory entries the writes
     *  renamed into place. */
    default void sync(URI location) throws IOException {
    }

    /** Deletes one object; deleting a missing object is not an error. */
    void delete(URI location, String key) throws IOException;

    /** Deletes several objects of a location, missing ones included. Stores with a batch delete
     *  override this to spend one request on many objects. */
    default void deleteAll(URI location, List<String> keys) throws IOException {
        for (String key : keys) {
            delete(location, key);
        }
    }

    /** Removes what is left of a location once its objects are gone (empty directories). */
    default void prune(URI location) throws IOException {
    }

    /** A short description of the store's health for {@code GET /health}. */
    String health();
}
