package routes.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

class DatabaseTest {

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
