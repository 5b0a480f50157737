package routes.classify;

import java.util.List;

import routes.api.ApiException;
import routes.api.PathParams;
import routes.catalog.DatasetRepository;

/** {@code GET /recommendations}: one dataset's history, or the newest advice for every dataset. */
public final class RecommendationService {

    private final RecommendationRepository recommendations;
    private final DatasetRepository datasets;

    public RecommendationService(RecommendationRepository recommendations, DatasetRepository datasets) {
        this.recommendations = recommendations;
        this.datasets = datasets;
    }

    public List<Recommendation> list(String datasetId, String limit) {
        int l = PathParams.bounded(limit, "limit", 50, 1, 1000);
        if (datasetId == null || datasetId.isBlank()) {
            return recommendations.latestPerDataset(l);
        }
        long id = PathParams.id(datasetId, "dataset_id");
        if (datasets.find(id).isEmpty()) {
            throw ApiException.notFound("dataset_id", "no dataset with id " + id);
        }
        return recommendations.forDataset(id, l);
    }
}
