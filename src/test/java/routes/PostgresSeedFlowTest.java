package routes;

import static org.assertj.core.api.Assertions.assertThat;

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
    void theMetadataStoreIsPostgresWithEveryMigrationApplied() {
        assertThat(sql().queryForObject("SELECT version()", String.class)).startsWith("PostgreSQL");
        assertThat(sql().queryForList("SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank",
                String.class)).containsExactly("1", "2", "4", "5");
    }
}
