package routes.classify;

import java.util.List;

import routes.api.ApiException;
import routes.api.PathParams;
import routes.catalog.DatasetRepository;

/** {@code GET /datasets/{id}/activity}: a dataset's access history, window by window, oldest first. */
public final class ActivityService {

    private final ActivityRepository activity;
    private final DatasetRepository datasets;

    public ActivityService(ActivityRepository activity, DatasetRepository datasets) {
        this.activity = activity;
        this.datasets = datasets;
    }

    public List<ActivityWindow> history(String datasetId, String limit) {
        long id = PathParams.id(datasetId, "id");
        int l = PathParams.bounded(limit, "limit", 288, 1, 10_000);
        if (datasets.find(id).isEmpty()) {
            throw ApiException.notFound("id", "no dataset with id " + id);
        }
        return activity.windows(id, l);
    }
}
