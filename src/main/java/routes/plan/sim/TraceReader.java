package routes.plan.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Locale;
import java.util.NoSuchElementException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a trace one line at a time, so a trace of any length is never held in memory. Each line is
 * CSV {@code ts,dataset_id,op,bytes[,size_bytes]} or a JSON object with those fields (the two may
 * mix). {@code ts} is epoch seconds (fractions allowed) or an ISO-8601 instant; {@code op} is read or
 * write. Blank lines, {@code #} comments and a header line starting with {@code ts} are skipped.
 */
public final class TraceReader implements Iterator<TraceEvent> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BufferedReader in;
    private long lineNo;
    private TraceEvent next;

    public TraceReader(BufferedReader in) {
        this.in = in;
    }

    public long lines() {
        return lineNo;
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        try {
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#") || (t.startsWith("ts") && !t.startsWith("ts\""))) {
                    continue;
                }
                next = t.startsWith("{") ? json(t) : csv(t);
                return true;
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public TraceEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        TraceEvent e = next;
        next = null;
        return e;
    }

    private TraceEvent csv(String line) {
        String[] f = line.split(",", -1);
        if (f.length < 4 || f.length > 5) {
            throw new TraceFormatException(lineNo, "trace", "expected ts,dataset_id,op,bytes[,size_bytes], got "
                    + f.length + " fields");
        }
        return event(f[0].strip(), f[1].strip(), f[2].strip(), f[3].strip(), f.length == 5 ? f[4].strip() : "");
    }

    private TraceEvent json(String line) {
        JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new TraceFormatException(lineNo, "trace", "malformed JSON: " + e.getOriginalMessage());
        }
        return event(text(n, "ts"), text(n, "dataset_id"), text(n, "op"), text(n, "bytes"), text(n, "size_bytes"));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    private TraceEvent event(String ts, String dataset, String op, String bytes, String size) {
        if (dataset.isEmpty()) {
            throw new TraceFormatException(lineNo, "dataset_id", "dataset_id is required");
        }
        boolean read = switch (op.toLowerCase(Locale.ROOT)) {
            case "read" -> true;
            case "write" -> false;
            default -> throw new TraceFormatException(lineNo, "op", "op must be read or write, not '" + op + "'");
        };
        return new TraceEvent(millis(ts), dataset, read, count(bytes, "bytes", false),
                size.isEmpty() ? -1 : count(size, "size_bytes", true));
    }

    private long millis(String ts) {
        if (ts.isEmpty()) {
            throw new TraceFormatException(lineNo, "ts", "ts is required");
        }
        try {
            if (Character.isDigit(ts.charAt(0)) && !ts.contains("-")) {
                return Math.round(Double.parseDouble(ts) * 1000);
            }
            return Instant.parse(ts).toEpochMilli();
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new TraceFormatException(lineNo, "ts", "ts must be epoch seconds or an ISO-8601 instant, not '"
                    + ts + "'");
        }
    }

    private long count(String v, String field, boolean required) {
        if (v.isEmpty() && !required) {
            return 0;
        }
        try {
            long n = Long.parseLong(v);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new TraceFormatException(lineNo, field, field + " must be a non-negative integer, not '" + v + "'");
        }
    }
}
