package routes.ingest;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultMessage;

/** Turns events into Kafka messages keyed by dataset id, so the kafka producer sends a whole batch at
 *  once and one dataset's events stay in order on one partition. */
public final class KeyedRecords {

    private final ObjectMapper mapper;

    public KeyedRecords(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public List<Message> byDataset(List<AccessEvent> events, Exchange exchange) throws JsonProcessingException {
        List<Message> records = new ArrayList<>(events.size());
        for (AccessEvent event : events) {
            Message m = new DefaultMessage(exchange);
            m.setHeader(KafkaConstants.KEY, Long.toString(event.datasetId()));
            m.setBody(mapper.writeValueAsString(event));
            records.add(m);
        }
        return records;
    }
}
