package routes.move;

import static routes.catalog.Timestamps.instant;
import static routes.catalog.Timestamps.nullableInt;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/** SQL for dead_letters: the index of migration_jobs.dlq, one row per failed attempt of a job, and
 *  whether POST /jobs/{id}/retry took it back. */
public final class DeadLetterRepository {

    /** One dead letter as GET /jobs/{id} shows it: the attempt that failed, how often it was tried,
     *  its last error, and when (and as which attempt) it was taken back. */
    public record Entry(int attempt, int tries, String error, String errorClass, Instant failedAt,
                        Instant takenBackAt, Integer retriedAsAttempt) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public DeadLetterRepository(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records a failed attempt once (a repeated failure of the same attempt keeps the first row). */
    public void record(DeadLetter letter) {
        MigrationJob job = letter.job();
        jdbc.update("INSERT INTO dead_letters (job_id, attempt, tries, error, error_class, failed_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (job_id, attempt) DO NOTHING", job.id(), job.attempt(),
                letter.attempts(), letter.error(), letter.errorClass(), letter.failedAt().toEpochMilli());
    }

    /** Marks the job's open dead letters taken back by its new attempt. */
    public void takeBack(long jobId, int newAttempt) {
        jdbc.update("UPDATE dead_letters SET taken_back_at = ?, retried_as_attempt = ? "
                + "WHERE job_id = ? AND taken_back_at IS NULL", clock.millis(), newAttempt, jobId);
    }

    public List<Entry> forJob(long jobId) {
        return jdbc.query("SELECT * FROM dead_letters WHERE job_id = ? ORDER BY attempt", (rs, n) -> new Entry(
                rs.getInt("attempt"), rs.getInt("tries"), rs.getString("error"), rs.getString("error_class"),
                instant(rs, "failed_at"), instant(rs, "taken_back_at"), nullableInt(rs, "retried_as_attempt")), jobId);
    }
}
