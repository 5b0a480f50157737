package routes.support;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/** The service as a separate JVM, started the way a user starts it, so a test can stop it with
 *  SIGTERM or kill it with SIGKILL and start it again on the same data directory. */
public final class ServiceProcess implements AutoCloseable {

    private final Path dataDir;
    private final Path log;
    private final Map<String, String> env;
    private final Api api;
    private Process process;

    public ServiceProcess(Path dataDir, int httpPort, Map<String, String> extraEnv) {
        this.dataDir = dataDir;
        this.log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        this.env = new HashMap<>(extraEnv);
        env.put("DIM_DATA_DIR", dataDir.toString());
        env.put("DIM_HTTP_PORT", Integer.toString(httpPort));
        env.putIfAbsent("DIM_KAFKA_EMBEDDED_PORT", Integer.toString(FreePorts.next()));
        env.putIfAbsent("DIM_KAFKA_EMBEDDED_CONTROLLER_PORT", Integer.toString(FreePorts.next()));
        this.api = new Api(httpPort);
    }

    public Api api() {
        return api;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Starts the service with these settings (on top of the constructor's) and waits for /health. */
    public ServiceProcess start(Map<String, String> settings) throws IOException {
        String classpath = System.getProperty("dim.service.classpath");
        if (classpath == null) {
            throw new IllegalStateException("dim.service.classpath is not set: run the tests through Maven");
        }
        ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-cp", classpath, "routes.Application"));
        pb.environment().putAll(env);
        pb.environment().putAll(settings);
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = pb.start();
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + "; see " + log);
            }
            try {
                return api.get("/health").status() == 200;
            } catch (AssertionError notYet) {
                return false;
            }
        });
        return this;
    }

    /** SIGTERM, and wait for a clean exit. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** SIGKILL: the process dies at once, mid-whatever. */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
