package routes.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.LongConsumer;

/** Computes the SHA-256 and the byte count of a stream as it is read, and reports progress every
 *  {@code reportEvery} bytes, so bytes are hashed while they are copied, never read twice. */
public final class HashingInputStream extends FilterInputStream {

    private final MessageDigest digest;
    private final LongConsumer progress;
    private final long reportEvery;
    private long count;
    private long nextReport;

    public HashingInputStream(InputStream in) {
        this(in, n -> { }, Long.MAX_VALUE);
    }

    public HashingInputStream(InputStream in, LongConsumer progress, long reportEvery) {
        super(in);
        this.digest = sha256();
        this.progress = progress;
        this.reportEvery = Math.max(1, reportEvery);
        this.nextReport = this.reportEvery;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            digest.update((byte) b);
            advance(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
        int n = in.read(buffer, off, len);
        if (n > 0) {
            digest.update(buffer, off, n);
            advance(n);
        }
        return n;
    }

    @Override
    public long skip(long n) {
        return 0; // every byte must pass through the digest
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    public long count() {
        return count;
    }

    /** The hex SHA-256 of everything read so far; call once, after the stream is drained. */
    public String sha256Hex() {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Reads the rest of the stream, for verification passes that only need the hash. */
    public HashingInputStream drain() throws IOException {
        // 64 KiB: large enough for full speed, small enough that draining 10,000 small objects does
        // not allocate (and zero) a gigabyte per thousand of them
        byte[] buffer = new byte[64 << 10];
        while (read(buffer, 0, buffer.length) >= 0) {
            // hashing happens in read
        }
        return this;
    }

    private void advance(int n) {
        count += n;
        if (count >= nextReport) {
            nextReport = count + reportEvery;
            progress.accept(count);
        }
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
