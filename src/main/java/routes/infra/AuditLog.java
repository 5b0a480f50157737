package routes.infra;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.move.MigrationJob;

/**
 * The audit trail: one JSON line per write request (who, what, outcome, when, request id) and per
 * job transition (job, dataset, state, attempt, the request that planned or retried it), to the
 * slf4j logger {@code dim.audit} and, when {@code dim.audit.file} names one, appended to that file.
 */
public final class AuditLog implements AutoCloseable {

    public static final String LOGGER = "dim.audit";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private final ObjectMapper json;
    private final Clock clock;
    private final BufferedWriter file;

    /** {@code file}: where lines are appended as well, or null. */
    public AuditLog(ObjectMapper json, Clock clock, Path file) throws IOException {
        this.json = json;
        this.clock = clock;
        if (file == null) {
            this.file = null;
        } else {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            this.file = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        }
    }

    /** A write request and its outcome. */
    public void request(String requestId, String who, String remote, String method, String path, int status,
                        long millis) {
        Map<String, Object> line = entry("request", requestId);
        line.put("who", who);
        line.put("remote", remote);
        line.put("method", method);
        line.put("path", path);
        line.put("status", status);
        line.put("duration_ms", millis);
        write(line);
    }

    /** A job's transition, with the request id of the work that caused it (when known). */
    public void job(MigrationJob job, String requestId) {
        Map<String, Object> line = entry("job", requestId);
        line.put("job_id", job.id());
        line.put("dataset_id", job.datasetId());
        line.put("state", job.state().json());
        line.put("attempt", job.attempt());
        if (job.error() != null) {
            line.put("error", job.error());
        }
        write(line);
    }

    private Map<String, Object> entry(String kind, String requestId) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("ts", clock.instant().toString());
        line.put("kind", kind);
        line.put("request_id", requestId);
        return line;
    }

    private void write(Map<String, Object> line) {
        String text;
        try {
            text = json.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        LOG.info(text);
        if (file != null) {
            synchronized (file) {
                try {
                    file.write(text);
                    file.newLine();
                    file.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot append to the audit file", e);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (file != null) {
            synchronized (file) {
                file.close();
            }
        }
    }
}
