package routes.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import routes.api.ApiException;
import routes.api.JsonBody;
import routes.catalog.DatasetRepository;

/** Validates a posted event or array of events. The whole batch is refused if one event is bad, so a
 *  client never has to guess which part was accepted. */
public final class AccessEventParser {

    private static final Set<String> FIELDS =
            Set.of("dataset_id", "op", "size_bytes", "ts", "latency_ms", "client", "event_id");

    /** How far ahead of this server's clock a client's clock may run. */
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    private final ObjectMapper mapper;
    private final DatasetRepository datasets;
    private final Clock clock;
    private final int maxBatch;

    public AccessEventParser(ObjectMapper mapper, DatasetRepository datasets, Clock clock, int maxBatch) {
        this.mapper = mapper;
        this.datasets = datasets;
        this.clock = clock;
        this.maxBatch = maxBatch;
    }

    public List<AccessEvent> parse(String body) {
        JsonNode root = JsonBody.parse(mapper, body);
        List<AccessEvent> events = new ArrayList<>();
        if (root.isArray()) {
            if (root.isEmpty()) {
                throw ApiException.badRequest(null, "the array of events is empty");
            }
            if (root.size() > maxBatch) {
                throw ApiException.badRequest(null, "at most " + maxBatch + " events per request (dim.ingest.max-batch)");
            }
            for (int i = 0; i < root.size(); i++) {
                events.add(event(JsonBody.object(root.get(i), "[" + i + "].")));
            }
        } else {
            events.add(event(JsonBody.object(root, "")));
        }
        checkDatasetsExist(events);
        return events;
    }

    private AccessEvent event(JsonBody json) {
        json.allowOnly(FIELDS);
        long datasetId = json.requiredLong("dataset_id");
        String op = json.requiredText("op");
        if (!op.equals("read") && !op.equals("write")) {
            throw json.invalid("op", "op must be read or write");
        }
        long size = json.optionalNonNegative("size_bytes").orElse(0L);
        Instant ts = json.optionalText("ts").map(t -> instant(json, t)).orElseGet(clock::instant);
        if (ts.isAfter(clock.instant().plus(MAX_CLOCK_SKEW))) {
            // an access from the future would stay the newest for ever: the dataset could never turn cold
            throw json.invalid("ts", "ts " + ts + " is in the future (more than "
                    + MAX_CLOCK_SKEW.toMinutes() + " minutes ahead of this server's clock)");
        }
        Double latency = json.optionalNonNegativeNumber("latency_ms").orElse(null);
        String client = json.optionalText("client").orElse(null);
        // an id lets every later stage recognise a redelivered event
        String eventId = json.optionalText("event_id").orElseGet(() -> UUID.randomUUID().toString());
        return new AccessEvent(datasetId, op, size, ts, latency, client, eventId);
    }

    private static Instant instant(JsonBody json, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw json.invalid("ts", "ts must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
    }

    private void checkDatasetsExist(List<AccessEvent> events) {
        Set<Long> ids = new HashSet<>();
        events.forEach(e -> ids.add(e.datasetId()));
        Set<Long> known = new HashSet<>(datasets.existing(ids));
        for (int i = 0; i < events.size(); i++) {
            long id = events.get(i).datasetId();
            if (!known.contains(id)) {
                String field = events.size() == 1 ? "dataset_id" : "[" + i + "].dataset_id";
                throw ApiException.notFound(field, "no dataset with id " + id);
            }
        }
    }
}
