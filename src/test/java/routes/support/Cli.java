package routes.support;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine;
import routes.cli.Dim;

/** The dim command line against a test's service: in-process with captured output, or as bin/dim. */
public final class Cli {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How a run ended: its exit code, stdout and stderr. */
    public record Run(int exit, String out, String err) {
        public JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("not JSON (exit " + exit + "): " + out + err, e);
            }
        }
    }

    /** A run still going, whose output so far can be read. */
    public static final class Running {
        private final StringWriter out = new StringWriter();
        private final StringWriter err = new StringWriter();
        private final CompletableFuture<Integer> exit;

        private Running(List<String> args) {
            CommandLine cmd = Dim.commandLine(new Dim());
            cmd.setOut(new PrintWriter(out, true));
            cmd.setErr(new PrintWriter(err, true));
            exit = CompletableFuture.supplyAsync(() -> cmd.execute(args.toArray(String[]::new)),
                    task -> new Thread(task, "dim").start());
        }

        public String out() {
            return out.toString();
        }

        public Run await() {
            try {
                return new Run(exit.get(120, TimeUnit.SECONDS), out.toString(), err.toString());
            } catch (Exception e) {
                throw new AssertionError("dim did not finish; output so far: " + out + err, e);
            }
        }
    }

    private final String base;

    public Cli(String base) {
        this.base = base;
    }

    /** {@code dim --api <the service> args...}, to its end. */
    public Run run(String... args) {
        return start(args).await();
    }

    public Running start(String... args) {
        List<String> all = new ArrayList<>(List.of("--api", base));
        all.addAll(List.of(args));
        return new Running(all);
    }

    /** {@code bin/dim args...} as a separate process with this environment (DIM_API and DIM_API_KEY only from it), on the JDK running the tests. */
    public static Run process(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of("bin", "dim").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Path err = Files.createTempFile("dim", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectError(err.toFile());
            pb.environment().keySet().removeAll(List.of("DIM_API", "DIM_API_KEY")); // only what the test gives
            pb.environment().putAll(env);
            pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("bin/dim did not finish: " + out);
            }
            return new Run(p.exitValue(), out, Files.readString(err));
        } finally {
            Files.delete(err);
        }
    }
}
