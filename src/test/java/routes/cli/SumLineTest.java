package routes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import routes.storage.HashingInputStream;

/** {@code dim jobs objects} prints lines sha256sum -c reads back, whatever the objects are called. */
class SumLineTest {

    @Test
    void sha256sumChecksNamesWithLineBreaksAndBackslashes(@TempDir Path dir) throws Exception {
        StringBuilder sums = new StringBuilder();
        for (String name : List.of("plain", "two\nlines", "back\\slash", "sp ace")) {
            byte[] bytes = ("bytes of " + name).getBytes(StandardCharsets.UTF_8);
            Files.write(dir.resolve(name), bytes);
            String sha = HexFormat.of().formatHex(HashingInputStream.sha256().digest(bytes));
            sums.append(JobCommands.sumLine(sha, name)).append('\n');
        }
        Files.writeString(dir.resolve("SUMS"), sums);
        Process check = new ProcessBuilder("sha256sum", "-c", "SUMS").directory(dir.toFile()).redirectErrorStream(true)
                .start();
        String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor()).as(out).isZero();
        assertThat(out.lines().filter(l -> l.endsWith(": OK"))).hasSize(4);
    }
}
