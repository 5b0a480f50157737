package routes.plan;

import java.util.List;

/**
 * How a self-tiering class bills (S3 Intelligent-Tiering, GCS Autoclass): an object not read or written
 * for a step's number of days is stored at that step's price and served at its latency, and an access
 * brings it back to the class's own price. There are no retrieval or early-deletion fees; a monitoring
 * fee is paid per object and month.
 */
public record AutoTiering(List<Step> steps, double monitoringPerObjectMonth) {

    /** From {@code afterIdleDays} days without access on: this price per GB-month and first-byte latency. */
    public record Step(int afterIdleDays, double storagePerGbMonth, double firstByteMs) {
    }

    public AutoTiering {
        steps = List.copyOf(steps);
        for (int i = 1; i < steps.size(); i++) {
            if (steps.get(i).afterIdleDays() <= steps.get(i - 1).afterIdleDays()) {
                throw new IllegalArgumentException("auto-tiering steps must come after more and more idle days");
            }
        }
    }

    /** Idle days beyond which nothing changes any more. */
    public int lastStepDays() {
        return steps.isEmpty() ? 0 : steps.get(steps.size() - 1).afterIdleDays();
    }

    /** Price per GB-month of an object idle for {@code idleDays}, in class {@code c}. */
    public double storagePerGbMonth(StorageClass c, int idleDays) {
        Step s = stepAt(idleDays);
        return s == null ? c.storagePerGbMonth() : s.storagePerGbMonth();
    }

    /** First-byte latency of an object idle for {@code idleDays}, in class {@code c}. */
    public double firstByteMs(StorageClass c, int idleDays) {
        Step s = stepAt(idleDays);
        return s == null ? c.firstByteMs() : s.firstByteMs();
    }

    /** The step an object idle for {@code idleDays} has reached, null before the first. */
    private Step stepAt(int idleDays) {
        Step reached = null;
        for (Step s : steps) {
            if (idleDays >= s.afterIdleDays()) {
                reached = s;
            }
        }
        return reached;
    }

    /** The mean price per GB-month over {@code days} idle days, the first of them idle {@code fromIdle}. */
    public double meanStoragePerGbMonth(StorageClass c, int fromIdle, double days) {
        int n = Math.max(1, (int) Math.round(days));
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += storagePerGbMonth(c, (int) Math.min((long) fromIdle + i, lastStepDays()));
        }
        return sum / n;
    }
}
