package routes.classify;

import static routes.catalog.Timestamps.instant;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/** SQL for the models table: every trained version with its parameters and metrics. */
public final class ModelRepository {

    /** One stored model version. */
    public record Model(long id, String name, int version, String algorithm, Map<String, Object> params,
                        Map<String, Object> metrics, Instant createdAt) {
    }

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final RowMapper<Model> row;

    public ModelRepository(JdbcTemplate jdbc, ObjectMapper mapper, Clock clock) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.clock = clock;
        this.row = (rs, n) -> new Model(rs.getLong("id"), rs.getString("name"), rs.getInt("version"),
                rs.getString("algorithm"), read(rs.getString("params")), read(rs.getString("metrics")),
                instant(rs, "created_at"));
    }

    public Model insert(String name, String algorithm, Map<String, Object> params, Map<String, Object> metrics) {
        return insert(name, algorithm, params, metrics, null);
    }

    /** Stores a model version, with its serialized file when it has one. */
    public Model insert(String name, String algorithm, Map<String, Object> params, Map<String, Object> metrics,
                        byte[] file) {
        Integer last = jdbc.queryForObject("SELECT MAX(version) FROM models WHERE name = ?", Integer.class, name);
        int version = last == null ? 1 : last + 1;
        Long id = jdbc.queryForObject("INSERT INTO models (name, version, algorithm, params, metrics, created_at, "
                        + "model_bytes) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id", Long.class, name, version, algorithm,
                write(params), write(metrics), clock.millis(), file);
        return jdbc.queryForObject("SELECT * FROM models WHERE id = ?", row, id);
    }

    public Optional<Model> latest(String name) {
        return jdbc.query("SELECT * FROM models WHERE name = ? ORDER BY version DESC LIMIT 1", row, name)
                .stream().findFirst();
    }

    /** A version's serialized file, if it was stored with one. */
    public Optional<byte[]> file(long id) {
        return jdbc.query("SELECT model_bytes FROM models WHERE id = ? AND model_bytes IS NOT NULL",
                (rs, n) -> rs.getBytes(1), id).stream().findFirst();
    }

    public List<Model> all() {
        return jdbc.query("SELECT * FROM models ORDER BY id DESC", row);
    }

    private Map<String, Object> read(String json) {
        try {
            return mapper.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable model row", e);
        }
    }

    private String write(Map<String, Object> value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
