package routes.infra;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import routes.storage.CanonicalLocation;

/**
 * Schema version 13, on SQLite and PostgreSQL alike: the locations stored before locations had one spelling
 * are rewritten in it, so that the checks that compare a new location with them as strings (another
 * dataset there, inside, around) see every old one. A dataset whose canonical location another dataset
 * already holds (two spellings of one place, registered before this check existed) keeps its spelling, and
 * so do its replicas and jobs: which of the two owns the data is for its operator to say.
 */
final class CanonicalLocationsMigration implements JavaMigration {

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("13");
    }

    @Override
    public String getDescription() {
        return "canonical locations";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) {
        JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(context.getConnection(), true));
        Set<String> kept = new HashSet<>();
        respelled(jdbc, "SELECT path_uri FROM datasets").forEach((old, canonical) -> {
            if (jdbc.update("UPDATE datasets SET path_uri = ? WHERE path_uri = ? AND NOT EXISTS "
                    + "(SELECT 1 FROM datasets d WHERE d.path_uri = ?)", canonical, old, canonical) == 0) {
                kept.add(old);
            }
        });
        respelled(jdbc, "SELECT uri FROM replicas").forEach((old, canonical) -> {
            if (!kept.contains(old)) {
                jdbc.update("UPDATE replicas SET uri = ? WHERE uri = ? AND NOT EXISTS (SELECT 1 FROM replicas r "
                        + "WHERE r.dataset_id = replicas.dataset_id AND r.uri = ?)", canonical, old, canonical);
            }
        });
        for (String column : new String[] {"source_uri", "target_uri"}) {
            respelled(jdbc, "SELECT " + column + " FROM migration_jobs").forEach((old, canonical) -> {
                if (!kept.contains(old)) {
                    jdbc.update("UPDATE migration_jobs SET " + column + " = ? WHERE " + column + " = ?", canonical, old);
                }
            });
        }
    }

    /** The values of a query's one column whose canonical spelling differs, with that spelling. */
    private static Map<String, String> respelled(JdbcTemplate jdbc, String query) {
        Map<String, String> respelled = new LinkedHashMap<>();
        jdbc.query(query, row -> {
            String stored = row.getString(1);
            try {
                String canonical = CanonicalLocation.of(new URI(stored)).toString();
                if (!canonical.equals(stored)) {
                    respelled.put(stored, canonical);
                }
            } catch (URISyntaxException | RuntimeException unparsable) {
                // left as it is: no new location can be spelled like it
            }
        });
        return respelled;
    }
}
