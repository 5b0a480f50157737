package routes.plan.sim;

import java.util.List;

/**
 * What a replay found: the trace, the settings, and per policy its cost split like a bill, SLO misses,
 * migrations and its cost divided by the optimum's. Costs in USD, rounded to a millionth of a dollar.
 * {@code timing} is the only part that differs between two runs of the same trace.
 */
public record SimReport(TraceSummary trace, String provider, List<String> classes, Settings settings,
                        List<PolicyResult> policies, Timing timing) {

    public record TraceSummary(long events, long datasets, long days, String firstDay, String lastDay) {
    }

    public record Settings(Double latencySloMs, Double maxCostPerGbMonth, double horizonDays, double minResidencyDays,
                           double minSavingFraction, double egressPerGb) {
    }

    public record PolicyResult(String name, String description, double totalCost, double storage, double retrieval,
                               double requests, double migration, double earlyDeletion, long sloMisses,
                               long migrations, double costVsOptimum) {
    }

    public record Timing(long elapsedMs, long eventsPerSecond) {
    }

    public PolicyResult policy(String name) {
        return policies.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }
}
