package routes.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

class DatabaseTest {

    @Test
    void locationsStoredBeforeTheyHadOneSpellingAreRespelledUnlessThatPlaceIsTaken(@TempDir Path dir) throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("old.db");
        Flyway.configure().dataSource(url, "", "").locations("classpath:db/migration/sqlite").target("12").load()
                .migrate();
        try (HikariDataSource old = new HikariDataSource()) {
            old.setJdbcUrl(url);
            JdbcTemplate jdbc = new JdbcTemplate(old);
            String dataset = "INSERT INTO datasets (name, path_uri, size_bytes, current_tier, created_at, updated_at) "
                    + "VALUES (?, ?, 1, 'hot', 0, 0)";
            String replica = "INSERT INTO replicas (dataset_id, uri, storage_class, size_bytes, is_primary, created_at) "
                    + "VALUES (?, ?, 'hot', 1, ?, 0)";
            jdbc.update(dataset, "odd", "file:///s//odd/");
            jdbc.update(replica, 1, "file:///s//odd/", 1);
            jdbc.update(replica, 1, "s3://b/odd%2Dcopy/", 0);
            jdbc.update(dataset, "a", "file:///s/a");
            jdbc.update(replica, 2, "file:///s/a", 1);
            jdbc.update(dataset, "alias", "file:///s/%61");
            jdbc.update(replica, 3, "file:///s/%61", 1);
            jdbc.update("INSERT INTO migration_jobs (job_key, kind, dataset_id, source_uri, target_uri, storage_class, "
                    + "state, created_at, updated_at) VALUES ('k', 'move', 1, 'file:///s//odd/', 'file:///s/x/', 'warm', "
                    + "'failed', 0, 0)");
        }
        try (HikariDataSource dataSource = Database.open(url, "", "")) {
            JdbcTemplate jdbc = Database.template(dataSource, url);
            assertThat(jdbc.queryForList("SELECT path_uri FROM datasets ORDER BY id", String.class))
                    .containsExactly("file:///s/odd", "file:///s/a", "file:///s/%61");
            assertThat(jdbc.queryForList("SELECT uri FROM replicas ORDER BY id", String.class))
                    .containsExactly("file:///s/odd", "s3://b/odd-copy", "file:///s/a", "file:///s/%61");
            assertThat(jdbc.queryForMap("SELECT source_uri, target_uri FROM migration_jobs"))
                    .containsEntry("source_uri", "file:///s/odd").containsEntry("target_uri", "file:///s/x");
        }
    }

    @Test
    void aSecondActiveJobForOneDatasetIsAnIntegrityViolationNotAnUncategorizedError(@TempDir Path dir) throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("dim.db");
        try (HikariDataSource dataSource = Database.open(url, "", "")) {
            JdbcTemplate jdbc = Database.template(dataSource, url);
            jdbc.update("INSERT INTO datasets (name, path_uri, size_bytes, current_tier, created_at, updated_at) "
                    + "VALUES ('d', 'file:///d', 1, 'hot', 0, 0)");
            String job = "INSERT INTO migration_jobs (job_key, kind, dataset_id, source_uri, target_uri, storage_class, "
                    + "state, created_at, updated_at) VALUES (?, 'move', 1, 'file:///d', ?, 'warm', 'queued', 0, 0)";
            jdbc.update(job, "k1", "file:///e");
            // what two plans racing for the dataset's one active job come to (the API answers 409)
            assertThatThrownBy(() -> jdbc.update(job, "k2", "file:///f"))
                    .isInstanceOf(DataIntegrityViolationException.class);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM migration_jobs", Integer.class)).isEqualTo(1);
        }
    }
}
