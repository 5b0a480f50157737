package routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The new user's walk of {@link SeedFlowTest}, step for step, with PostgreSQL as the metadata store:
 *  only the JDBC URL differs; the schema comes from the same versioned migrations in its dialect. */
class PostgresSeedFlowTest extends SeedFlowTest {

    @Override
    protected boolean onPostgres() {
        return true;
    }

    @Test
    @Order(0)
    void theMetadataStoreIsPostgresWithEveryMigrationApplied() throws IOException {
        assertThat(sql().queryForObject("SELECT version()", String.class)).startsWith("PostgreSQL");
        List<String> postgres = versions("postgresql");
        assertThat(postgres).as("one script set per dialect, version for version").isEqualTo(versions("sqlite"));
        // then version 13, the Java migration both dialects share (routes.infra.CanonicalLocationsMigration)
        assertThat(sql().queryForList("SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank",
                String.class)).isEqualTo(Stream.concat(postgres.stream(), Stream.of("13")).toList());
    }

    /** The versions of a dialect's migration scripts, in order. */
    private static List<String> versions(String dialect) throws IOException {
        try (Stream<Path> scripts = Files.list(Path.of("src/main/resources/db/migration", dialect))) {
            return scripts.map(p -> p.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .map(n -> n.substring(1, n.indexOf("__"))).sorted(java.util.Comparator.comparingInt(Integer::parseInt))
                    .toList();
        }
    }
}
