package routes.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class HashingInputStreamTest {

    @Test
    void hashesAndCountsWhatPassesThrough() throws IOException {
        HashingInputStream in = new HashingInputStream(new ByteArrayInputStream("abc".getBytes(StandardCharsets.UTF_8)));
        assertThat(in.drain().sha256Hex())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(in.count()).isEqualTo(3);
    }

    @Test
    void reportsProgressEveryStep() throws IOException {
        List<Long> reports = new ArrayList<>();
        HashingInputStream in = new HashingInputStream(new ByteArrayInputStream(new byte[10_000]), reports::add, 4096);
        byte[] buffer = new byte[1000];
        while (in.read(buffer) > 0) {
            // read it all
        }
        assertThat(reports).as("reported at the first read past each step").containsExactly(5000L, 10000L);
        assertThat(in.skip(10)).as("skipping would bypass the digest").isZero();
    }
}
