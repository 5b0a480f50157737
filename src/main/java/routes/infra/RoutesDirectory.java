package routes.infra;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.spi.PropertiesFunction;

/**
 * {@code dim.routes.dir}: read {@code routes.yaml} from a directory instead of the jar, and reload
 * it whenever it changes there (Camel's route reload), so routes are edited with no rebuild or
 * restart. Empty: the routes built into the jar, no reload.
 *
 * <p>A property function, so Camel Main's own keys follow the one setting before any route is
 * loaded: {@code camel.main.routes-include-pattern = {{routes-dir:include}}},
 * {@code routes-reload-enabled = {{routes-dir:reload}}}, {@code routes-reload-directory =
 * {{routes-dir:directory}}} (found through
 * {@code META-INF/services/org/apache/camel/properties-function/routes-dir}).
 */
public final class RoutesDirectory implements PropertiesFunction, CamelContextAware {

    static final String FILE = "routes.yaml";

    private CamelContext context;

    @Override
    public String getName() {
        return "routes-dir";
    }

    @Override
    public String apply(String what) {
        Path dir = directory();
        return switch (what.trim()) {
            case "include" -> dir == null ? "classpath:" + FILE : "file:" + dir.resolve(FILE);
            case "reload" -> Boolean.toString(dir != null);
            case "directory" -> dir == null ? "" : dir.toString();
            default -> throw new IllegalArgumentException("routes-dir: include, reload or directory; got '" + what + "'");
        };
    }

    private Path directory() {
        String configured = context.getPropertiesComponent().resolveProperty("dim.routes.dir").map(String::trim)
                .orElse("");
        if (configured.isEmpty()) {
            return null;
        }
        Path dir = Path.of(configured).toAbsolutePath().normalize();
        if (!Files.isRegularFile(dir.resolve(FILE))) {
            throw new IllegalStateException("dim.routes.dir is " + dir + " but it holds no " + FILE
                    + " (copy src/main/resources/" + FILE + " there)");
        }
        return dir;
    }

    @Override
    public CamelContext getCamelContext() {
        return context;
    }

    @Override
    public void setCamelContext(CamelContext context) {
        this.context = context;
    }
}
