package routes.move;

import java.io.IOException;
import java.net.URI;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.storage.ObjectStore;
import routes.storage.StoreRegistry;

/** Removes what a job wrote at its target and forgets its manifest, before the switch only: the
 *  target holds nothing a user owns (planning refuses a non-empty target). */
public final class Discard {

    private static final Logger LOG = LoggerFactory.getLogger(Discard.class);

    private final StoreRegistry stores;
    private final JobRepository jobs;

    public Discard(StoreRegistry stores, JobRepository jobs) {
        this.stores = stores;
        this.jobs = jobs;
    }

    public void destination(MigrationJob job) throws IOException {
        if (jobs.find(job.id()).map(MigrationJob::switched).orElse(true)) {
            return; // after the switch the target is the dataset itself
        }
        URI target = stores.location(job.targetUri());
        ObjectStore to = stores.store(target);
        Batches<String> keys = new Batches<>(1000, batch -> to.deleteAll(target, batch));
        jobs.forEachObject(job.id(), false, 1000, e -> keys.add(e.objectKey()));
        keys.flush();
        to.prune(target);
        jobs.forgetObjects(job.id());
        LOG.info("Discarded the unswitched copy of job {} at {}", job.id(), target);
    }
}
