package routes.classify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.api.ApiException;
import routes.api.JsonBody;

/**
 * {@code POST /train}. With no body, the tiering tree is trained when the stored history is enough for
 * it, else the recency/frequency rules are fitted as before. {@code {"algorithm": "tribuo-cart"}} asks
 * for the tree and gets a 422 saying what is missing when the history is too short (the classifier in
 * use stays); {@code {"algorithm": "recency-frequency"}} fits the rules. A trained tree is written to
 * {@code <data-dir>/models/}, recorded in the models table with its metrics, and used at once.
 */
public final class ModelTraining {

    private static final Logger LOG = LoggerFactory.getLogger(ModelTraining.class);

    private static final Set<String> FIELDS = Set.of("algorithm");

    private final HistoryRepository history;
    private final ModelRepository models;
    private final LearnedClassifier learned;
    private final RuleTrainer rules;
    private final TieringModel tree;
    private final Path modelDir;
    private final ObjectMapper mapper;

    public ModelTraining(HistoryRepository history, ModelRepository models, LearnedClassifier learned,
                         RuleTrainer rules, TieringModel tree, Path modelDir, ObjectMapper mapper) {
        this.history = history;
        this.models = models;
        this.learned = learned;
        this.rules = rules;
        this.tree = tree;
        this.modelDir = modelDir;
        this.mapper = mapper;
    }

    public ModelRepository.Model train(String body) {
        String algorithm = null;
        if (body != null && !body.isBlank()) {
            algorithm = JsonBody.object(mapper, body).allowOnly(FIELDS).optionalText("algorithm").orElse(null);
            if (algorithm != null && !algorithm.equals(TieringModel.ALGORITHM)
                    && !algorithm.equals(RuleTrainer.MODEL_NAME)) {
                throw ApiException.badRequest("algorithm", "algorithm must be " + TieringModel.ALGORITHM + " or "
                        + RuleTrainer.MODEL_NAME);
            }
        }
        if (RuleTrainer.MODEL_NAME.equals(algorithm)) {
            return rules.train();
        }
        TieringModel.Trained trained;
        try {
            trained = tree.train(history.all().stream().map(HistoryRepository.Series::days).toList());
        } catch (TieringModel.NotEnoughHistory e) {
            if (algorithm == null) {
                return rules.train();
            }
            throw new ApiException(422, e.getMessage() + "; the current classifier stays in use", "algorithm");
        }
        return store(trained);
    }

    private ModelRepository.Model store(TieringModel.Trained t) {
        int version = models.latest(TieringModel.NAME).map(m -> m.version() + 1).orElse(1);
        String file = TieringModel.NAME + "-v" + version + ".tribuo";
        byte[] bytes;
        try {
            Files.createDirectories(modelDir);
            Path tmp = modelDir.resolve(file + ".tmp");
            t.model().serializeToFile(tmp);
            bytes = Files.readAllBytes(tmp); // a tree is kilobytes
            Files.move(tmp, modelDir.resolve(file), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the model file " + file, e);
        }
        Map<String, Object> params = new LinkedHashMap<>(t.params());
        params.put("file", "models/" + file);
        params.put("features", List.of(TieringModel.FEATURES));
        ModelRepository.Model row = models.insert(TieringModel.NAME, TieringModel.ALGORITHM, params, t.metrics(),
                bytes);
        learned.use(t.model(), TieringModel.NAME + "-v" + row.version());
        return row;
    }

    /** Uses the newest stored tree unless it is in use already: at start-up, and before each
     *  classification, so an instance picks up a model another instance of the cluster trained. */
    public void loadLatest() {
        models.latest(TieringModel.NAME).ifPresent(m -> {
            String version = TieringModel.NAME + "-v" + m.version();
            if (learned.version().filter(version::equals).isPresent()) {
                return;
            }
            Path file = modelDir.resolve(Path.of(String.valueOf(m.params().get("file"))).getFileName());
            try {
                if (!Files.exists(file)) {
                    Optional<byte[]> stored = models.file(m.id());
                    if (stored.isEmpty()) {
                        return; // trained elsewhere before models were kept in the database
                    }
                    Files.createDirectories(modelDir);
                    Path tmp = Files.createTempFile(modelDir, file.getFileName().toString(), ".tmp");
                    Files.write(tmp, stored.get());
                    Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                }
                learned.load(file, version);
            } catch (IOException e) {
                // the current classifier stays in use; the next training writes a new file
                LOG.warn("model file {} unreadable: {}", file, e.getMessage());
            }
        });
    }
}
