package routes.catalog;

import java.io.InputStream;
import java.util.SplittableRandom;

/** A stream of {@code size} pseudo-random bytes, produced on the fly so seeding never holds the
 *  data in memory. Random content keeps benchmarks honest (no compressible zeros). */
final class GeneratedData extends InputStream {

    private final SplittableRandom random;
    private long remaining;

    GeneratedData(long size, long seed) {
        this.remaining = size;
        this.random = new SplittableRandom(seed);
    }

    @Override
    public int read() {
        if (remaining <= 0) {
            return -1;
        }
        remaining--;
        return random.nextInt(256);
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (remaining <= 0) {
            return -1;
        }
        int n = (int) Math.min(len, remaining);
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            long v = random.nextLong();
            for (int k = 0; k < 8; k++) {
                b[off + i + k] = (byte) (v >>> (k * 8));
            }
        }
        for (; i < n; i++) {
            b[off + i] = (byte) random.nextInt(256);
        }
        remaining -= n;
        return n;
    }
}
