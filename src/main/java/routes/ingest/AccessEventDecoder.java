package routes.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Decodes one poll's batch of access_events records. */
public final class AccessEventDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(AccessEventDecoder.class);

    private final ObjectMapper mapper;

    public AccessEventDecoder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public List<ConsumedEvent> decode(List<Exchange> records) {
        List<ConsumedEvent> events = new ArrayList<>(records.size());
        for (Exchange record : records) {
            var m = record.getMessage();
            String topic = m.getHeader(KafkaConstants.TOPIC, String.class);
            int partition = m.getHeader(KafkaConstants.PARTITION, Integer.class);
            long offset = m.getHeader(KafkaConstants.OFFSET, Long.class);
            try {
                events.add(new ConsumedEvent(topic, partition, offset,
                        mapper.readValue(m.getBody(byte[].class), AccessEvent.class)));
            } catch (IOException | RuntimeException e) {
                // only the API writes this topic; a record it cannot read is skipped, not retried forever
                LOG.warn("Skipping unreadable record {}-{}@{}: {}", topic, partition, offset, e.getMessage());
            }
        }
        return events;
    }
}
