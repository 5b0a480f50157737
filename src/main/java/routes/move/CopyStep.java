package routes.move;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import routes.catalog.StoreCatalog;
import routes.storage.Encryption;
import routes.storage.HashingInputStream;
import routes.storage.ObjectStore;
import routes.storage.StoreRegistry;
import routes.storage.StoredObject;

/**
 * Streams every object of the source to the target, a bounded number at a time, hashing each while
 * it passes, and records the manifest (key, size, SHA-256). The source is listed once, into a file, and
 * the manifest looked up a page at a time, so memory does not grow with the number of objects. A resumed
 * job (a retry, or a restart after a crash) copies only what is missing: an object an earlier attempt
 * already put at the target is kept when the manifest says it was verified, or when the store's
 * checksum of it is the one foretold when it was written, or when re-reading it gives the hash the
 * manifest recorded.
 */
public final class CopyStep {

    private final StoreRegistry stores;
    private final StoreCatalog catalog;
    private final JobRepository jobs;
    private final MoveMetrics metrics;
    private final CopyProgress.Publishing publishing;
    private final int parallelism;
    private final int pageSize;
    private final StepGate gate;
    private final boolean byStoreChecksum;
    private final Path listings;

    /** {@code byStoreChecksum}: an object an earlier attempt left at the target may be confirmed by the
     *  store's checksum of it ({@code dim.mover.verify = checksum}) instead of being read back;
     *  {@code listings}: where a source's listing is kept while it is copied. */
    public CopyStep(StoreRegistry stores, StoreCatalog catalog, JobRepository jobs, StatusPublisher status,
                    MoveMetrics metrics, long progressEvery, long progressGapMillis, int parallelism, int pageSize,
                    StepGate gate, boolean byStoreChecksum, Path listings) {
        this.byStoreChecksum = byStoreChecksum;
        this.listings = listings;
        this.stores = stores;
        this.catalog = catalog;
        this.jobs = jobs;
        this.metrics = metrics;
        this.publishing = new CopyProgress.Publishing(jobs, status, progressEvery, progressGapMillis * 1_000_000);
        this.parallelism = parallelism;
        this.pageSize = pageSize;
        this.gate = gate;
    }

    public MigrationJob copy(MigrationJob job) throws IOException {
        URI source = stores.location(job.sourceUri());
        URI target = stores.location(job.targetUri());
        ObjectStore from = stores.store(source);
        ObjectStore to = stores.store(target);
        // listed once, before copying: the totals make progress meaningful, the copy reads the listing back
        try (SourceListing listing = SourceListing.of(from, source, listings)) {
            if (listing.objects() == 0) {
                throw new PermanentFailure("nothing to move: " + source + " holds no data");
            }
            return copyListed(new Job(job, from, source, to, target, catalog.storageClass(job.targetUri(),
                    job.storageClass()), catalog.encryption(job.targetUri()), injectedFailure(job),
                    new CopyProgress(publishing, job, listing.bytes(), Math.toIntExact(listing.objects())),
                    new ManifestWriter(jobs, job.id())), listing);
        }
    }

    private MigrationJob copyListed(Job copy, SourceListing listing) throws IOException {
        MigrationJob job = copy.job();
        // a first attempt has no manifest to look up: the workers need not wait for a query per page
        boolean resumed = jobs.countObjects(job.id()) > 0;
        try (Parallel<Item> workers = new Parallel<Item>(parallelism, item -> copyOne(copy, item))) {
            Batches<StoredObject> pages = new Batches<>(pageSize, page -> {
                Map<String, MigrationJob.ManifestEntry> previous = resumed
                        ? jobs.objects(job.id(), page.stream().map(StoredObject::key).toList()) : Map.of();
                for (StoredObject object : page) {
                    workers.submit(new Item(object, previous.get(object.key())));
                }
            });
            listing.forEach(pages::add);
            pages.flush();
            workers.finish();
            copy.to().sync(copy.target()); // before the switch and the delete depend on it
        } finally {
            copy.rows().flush(); // what did reach the target is kept for the retry, also when a copy failed
        }
        copy.progress().finish();
        jobs.copied(job.id(), Manifest.checksum(jobs, job.id(), pageSize));
        return jobs.find(job.id()).orElseThrow();
    }

    /** Failure injection: the copy fails once this many objects are at the target. */
    private AtomicInteger injectedFailure(MigrationJob job) {
        return new AtomicInteger(job.injectAfterObjects() == null ? Integer.MAX_VALUE
                : Math.max(0, job.injectAfterObjects() - jobs.countObjects(job.id())));
    }

    /** One source object and what an earlier attempt recorded for it (null: nothing). */
    private record Item(StoredObject object, MigrationJob.ManifestEntry previous) {
    }

    /** What copying any object of one job needs. */
    private record Job(MigrationJob job, ObjectStore from, URI source, ObjectStore to, URI target,
                       String storageClass, Encryption encryption, AtomicInteger allowed, CopyProgress progress,
                       ManifestWriter rows) {
    }

    /** Copies one object; runs on the workers. */
    private void copyOne(Job c, Item item) throws IOException {
        StoredObject object = item.object();
        if (alreadyThere(c, object, item.previous())) {
            c.progress().objectDone(object.sizeBytes());
            return;
        }
        if (c.allowed().getAndDecrement() <= 0) {
            throw new InjectedFailure("failure injected after " + c.job().injectAfterObjects() + " objects");
        }
        AtomicLong seen = new AtomicLong();
        try (HashingInputStream in = new HashingInputStream(c.from().openRead(c.source(), object.key()),
                n -> c.progress().bytes(n - seen.getAndSet(n)), publishing.every())) {
            String storeChecksum = copy(c, object, in);
            if (in.count() != object.sizeBytes()) {
                throw new IOException("object '" + object.key() + "' changed size while copied: listed "
                        + object.sizeBytes() + " bytes, read " + in.count());
            }
            c.rows().copied(object.key(), in.count(), in.sha256Hex(), storeChecksum);
            metrics.objectCopied();
            gate.pass("copy-object");
            c.progress().objectDone(in.count() - seen.get());
        }
    }

    /** Within one store (one S3 endpoint, one file system) the store copies the bytes itself, or for a
     *  move may link them, and they are read only to be hashed; a replica is always a copy of its own. */
    private static String copy(Job c, StoredObject object, HashingInputStream in) throws IOException {
        if (c.from() != c.to()) {
            return c.to().write(c.target(), object.key(), in, object.sizeBytes(), c.storageClass(), c.encryption());
        }
        return c.job().kind() == JobKind.MOVE
                ? c.to().copyForMove(c.source(), c.target(), object.key(), in, object.sizeBytes(), c.storageClass(),
                        c.encryption())
                : c.to().copyWithin(c.source(), c.target(), object.key(), in, object.sizeBytes(), c.storageClass(),
                        c.encryption());
    }

    /** True when an earlier attempt put this object at the target: the manifest has it with the
     *  source's size, the target holds that many bytes, and it was verified, or the store reports the
     *  checksum foretold for it, or it hashes to what the manifest recorded (reading is cheaper than
     *  copying, across stores). */
    private boolean alreadyThere(Job c, StoredObject object, MigrationJob.ManifestEntry previous)
            throws IOException {
        if (previous == null || previous.sizeBytes() != object.sizeBytes()) {
            return false;
        }
        Optional<StoredObject> there = c.to().stat(c.target(), object.key());
        if (there.isEmpty() || there.get().sizeBytes() != object.sizeBytes()) {
            return false;
        }
        if (previous.verified()) {
            return true;
        }
        if (byStoreChecksum && previous.storeChecksum() != null && there.get().checksum() != null) {
            if (!previous.storeChecksum().equals(there.get().checksum())) {
                return false; // changed since: copied again
            }
            c.rows().verified(previous.objectKey(), previous.sizeBytes());
            return true;
        }
        try (HashingInputStream in = new HashingInputStream(c.to().openRead(c.target(), previous.objectKey()))) {
            if (in.drain().sha256Hex().equals(previous.sha256())) {
                c.rows().verified(previous.objectKey(), previous.sizeBytes());
                return true;
            }
        }
        return false;
    }
}
