package routes.plan.sim;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * A seeded synthetic access trace: the same seed and settings give the same events, in time order,
 * produced one day at a time (memory holds one day). Each dataset follows one pattern:
 * <ul>
 *   <li>{@code steady-hot}: about 20 reads and 2 writes every day;</li>
 *   <li>{@code decaying}: created at a random time in the first half, read about 40 times a day at
 *       first, falling by e every 7 days (fresh logs, new releases);</li>
 *   <li>{@code periodic}: a monthly report: about 8 reads a day on 3 days every 30, a write at the
 *       start of each period, idle between;</li>
 *   <li>{@code bursty-cold}: idle, but on any day a 3-day burst of about 15 reads a day starts with
 *       probability 1/90 (an incident, an audit);</li>
 *   <li>{@code write-once}: written once on a random day, never read (backups, raw archives).</li>
 * </ul>
 * Sizes are log-uniform between 1 and 100 GiB; a read reads 2-50% of the dataset. Datasets other than
 * decaying and write-once exist from the first quarter of the trace.
 */
public final class TraceGenerator implements Iterator<TraceEvent> {

    public static final List<String> PATTERNS = List.of("steady-hot", "decaying", "periodic", "bursty-cold",
            "write-once");
    /** Named mixes: weights of the five patterns, in the order of {@link #PATTERNS}. */
    public static final Map<String, double[]> MIXES = mixes();
    static final long START_EPOCH_DAY = 20454; // 2026-01-01

    private record Spec(String id, int pattern, int created, long size, int phase, long salt, SplittableRandom random) {
    }

    private final List<Spec> datasets = new ArrayList<>();
    private final int days;
    private final List<TraceEvent> today = new ArrayList<>();
    private int day;
    private int next;

    public TraceGenerator(long seed, int datasets, int days, String mix) {
        if (datasets < 1 || days < 1) {
            throw new IllegalArgumentException("datasets and days must be at least 1");
        }
        double[] w = MIXES.get(mix);
        if (w == null) {
            throw new IllegalArgumentException("unknown mix '" + mix + "'; known: " + MIXES.keySet());
        }
        this.days = days;
        SplittableRandom master = new SplittableRandom(seed);
        for (int i = 0; i < datasets; i++) {
            SplittableRandom r = master.split();
            int pattern = pick(w, r.nextDouble());
            int created = switch (PATTERNS.get(pattern)) {
                case "decaying" -> r.nextInt(Math.max(1, days / 2));
                case "write-once" -> r.nextInt(days);
                default -> r.nextInt(Math.max(1, days / 4));
            };
            long size = (long) (Math.pow(2, 30) * Math.pow(100, r.nextDouble()));
            this.datasets.add(new Spec(String.format(Locale.ROOT, "ds%05d", i), pattern, created, size,
                    r.nextInt(30), r.nextLong(), r));
        }
    }

    private static Map<String, double[]> mixes() {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("balanced", new double[] {1, 1, 1, 1, 1});
        m.put("mostly-hot", new double[] {5, 2, 1, 1, 1});
        m.put("mostly-cold", new double[] {0.5, 1.5, 1, 3, 4});
        for (int i = 0; i < PATTERNS.size(); i++) {
            double[] one = new double[PATTERNS.size()];
            one[i] = 1;
            m.put(PATTERNS.get(i), one);
        }
        return Map.copyOf(m);
    }

    private static int pick(double[] w, double u) {
        double sum = 0;
        for (double x : w) {
            sum += x;
        }
        double acc = 0;
        for (int i = 0; i < w.length; i++) {
            acc += w[i] / sum;
            if (u < acc) {
                return i;
            }
        }
        return w.length - 1;
    }

    /** The epoch day of a trace's first day (2026-01-01): its events' days count from it. */
    public static long firstEpochDay() {
        return START_EPOCH_DAY;
    }

    @Override
    public boolean hasNext() {
        while (next == today.size()) {
            if (day == days) {
                return false;
            }
            generate(day++);
        }
        return true;
    }

    @Override
    public TraceEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return today.get(next++);
    }

    /** Writes the whole trace as CSV with a header. */
    public long writeCsv(Writer out) throws IOException {
        out.write("ts,dataset_id,op,bytes,size_bytes\n");
        long n = 0;
        while (hasNext()) {
            TraceEvent e = next();
            out.write(e.tsMillis() / 1000 + "," + e.datasetId() + "," + (e.read() ? "read" : "write") + ","
                    + e.bytes() + "," + e.sizeBytes() + "\n");
            n++;
        }
        return n;
    }

    private void generate(int d) {
        today.clear();
        next = 0;
        for (Spec s : datasets) {
            if (d < s.created()) {
                continue;
            }
            SplittableRandom r = s.random();
            int age = d - s.created();
            int writes = age == 0 ? 1 : 0;
            int reads = 0;
            switch (PATTERNS.get(s.pattern())) {
                case "steady-hot" -> {
                    reads = poisson(r, 20);
                    writes += poisson(r, 2);
                }
                case "decaying" -> reads = poisson(r, 40 * Math.exp(-age / 7.0));
                case "periodic" -> {
                    int inPeriod = (d + s.phase()) % 30;
                    reads = inPeriod < 3 ? poisson(r, 8) : 0;
                    writes += inPeriod == 0 && age > 0 ? 1 : 0;
                }
                case "bursty-cold" -> reads = burst(s, d) ? poisson(r, 15) : 0;
                default -> { }
            }
            for (int i = 0; i < writes; i++) {
                today.add(event(d, r, s, false, s.size()));
            }
            for (int i = 0; i < reads; i++) {
                today.add(event(d, r, s, true, (long) (s.size() * (0.02 + 0.48 * r.nextDouble()))));
            }
        }
        today.sort(Comparator.comparingLong(TraceEvent::tsMillis).thenComparing(TraceEvent::datasetId));
    }

    /** Whether day {@code d} is in a 3-day burst; decided by the dataset's own seed and the day, so it does not
     *  depend on how many random numbers earlier days drew. */
    private static boolean burst(Spec s, int d) {
        for (int start = d - 2; start <= d; start++) {
            long h = new SplittableRandom(s.salt() + start).nextLong();
            if (start >= s.created() && Math.floorMod(h, 90) == 0) {
                return true;
            }
        }
        return false;
    }

    private static TraceEvent event(int d, SplittableRandom r, Spec s, boolean read, long bytes) {
        long ts = (START_EPOCH_DAY + d) * 86_400_000L + r.nextLong(86_400) * 1000;
        return new TraceEvent(ts, s.id(), read, bytes, s.size());
    }

    private static int poisson(SplittableRandom r, double lambda) {
        double l = Math.exp(-lambda);
        double p = 1;
        int k = 0;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > l);
        return k - 1;
    }
}
