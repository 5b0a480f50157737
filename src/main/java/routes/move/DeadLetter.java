package routes.move;

import java.time.Instant;

/** The record on {@code migration_jobs.dlq}: the failed job, how often it was tried, and why. */
public record DeadLetter(MigrationJob job, int attempts, String error, String errorClass, Instant failedAt) {
}
