package routes.plan.sim;

import java.util.Arrays;

/**
 * One dataset's use per day, kept only for days with activity (a dataset idle for a year costs
 * nothing here), so memory grows with active dataset-days, not with events.
 * Size: {@code size_bytes} on a line sets it; otherwise a write or read of n bytes means the dataset
 * holds at least n bytes.
 */
public final class DatasetHistory {

    private final String id;
    private int n;
    private long[] day = new long[4];
    private int[] reads = new int[4];
    private long[] readBytes = new long[4];
    private int[] writes = new int[4];
    private long[] size = new long[4];

    public DatasetHistory(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Days with activity. */
    public int activeDays() {
        return n;
    }

    public long firstDay() {
        return day[0];
    }

    public void add(long d, TraceEvent e) {
        int i = indexOf(d);
        long prevSize = i > 0 ? size[i - 1] : 0;
        if (i == n || day[i] != d) {
            insertAt(i, d, prevSize);
        }
        if (e.read()) {
            reads[i]++;
            readBytes[i] += e.bytes();
        } else {
            writes[i]++;
        }
        size[i] = e.sizeBytes() >= 0 ? e.sizeBytes() : Math.max(size[i], e.bytes());
    }

    /** Position of day {@code d}, or where it would be inserted (traces are usually in time order, so
     *  this is almost always the last or next slot). */
    private int indexOf(long d) {
        if (n == 0 || day[n - 1] < d) {
            return n;
        }
        if (day[n - 1] == d) {
            return n - 1;
        }
        int i = Arrays.binarySearch(day, 0, n, d);
        return i >= 0 ? i : -i - 1;
    }

    private void insertAt(int i, long d, long carriedSize) {
        if (n == day.length) {
            int cap = n * 2;
            day = Arrays.copyOf(day, cap);
            reads = Arrays.copyOf(reads, cap);
            readBytes = Arrays.copyOf(readBytes, cap);
            writes = Arrays.copyOf(writes, cap);
            size = Arrays.copyOf(size, cap);
        }
        int tail = n - i;
        System.arraycopy(day, i, day, i + 1, tail);
        System.arraycopy(reads, i, reads, i + 1, tail);
        System.arraycopy(readBytes, i, readBytes, i + 1, tail);
        System.arraycopy(writes, i, writes, i + 1, tail);
        System.arraycopy(size, i, size, i + 1, tail);
        day[i] = d;
        reads[i] = 0;
        readBytes[i] = 0;
        writes[i] = 0;
        size[i] = carriedSize;
        n++;
    }

    /** The use of every day from the first active day to {@code lastDay}, idle days included, as flat
     *  arrays indexed by day offset, for the day-by-day replay of one dataset. */
    public Days expand(long lastDay) {
        int len = (int) (lastDay - day[0] + 1);
        Days out = new Days(day[0], new int[len], new long[len], new int[len], new long[len]);
        long current = 0;
        int j = 0;
        for (int t = 0; t < len; t++) {
            if (j < n && day[j] == day[0] + t) {
                out.reads[t] = reads[j];
                out.readBytes[t] = readBytes[j];
                out.writes[t] = writes[j];
                current = size[j];
                j++;
            }
            out.size[t] = current;
        }
        return out;
    }

    /** One dataset's days: offset 0 is {@code firstDay}; size is the size at the end of the day. */
    public record Days(long firstDay, int[] reads, long[] readBytes, int[] writes, long[] size) {
        public int length() {
            return reads.length;
        }

        /** The first {@code len} days only (what was known on day {@code len}). */
        public Days head(int len) {
            return new Days(firstDay, Arrays.copyOf(reads, len), Arrays.copyOf(readBytes, len),
                    Arrays.copyOf(writes, len), Arrays.copyOf(size, len));
        }

        /** The size when a move at the start of day {@code t} happens. */
        public long sizeBefore(int t) {
            return t == 0 ? size[0] : size[t - 1];
        }
    }
}
