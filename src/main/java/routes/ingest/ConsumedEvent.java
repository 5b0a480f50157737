package routes.ingest;

/** An access event with where it was read from, so the writer can count each record once. */
public record ConsumedEvent(String topic, int partition, long offset, AccessEvent event) {
}
