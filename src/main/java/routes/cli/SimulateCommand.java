package routes.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import routes.plan.Simulate;
import routes.plan.sim.SimReport;

@Command(name = "simulate", description = {"Replay an access trace under our placement, the baselines and the optimum",
        "(POST /simulate); changes nothing. Give --trace FILE or --generate."})
final class SimulateCommand implements Callable<Integer> {

    @ParentCommand
    Dim dim;

    @Option(names = "--trace", paramLabel = "FILE", description = "CSV or JSON lines: ts,dataset_id,op,bytes[,size_bytes]")
    Path trace;

    @Option(names = "--generate", description = "a generated trace (--seed, --datasets, --days, --mix)")
    boolean generate;

    @Option(names = "--seed") Long seed;
    @Option(names = "--datasets") Integer datasets;
    @Option(names = "--days") Integer days;
    @Option(names = "--mix", paramLabel = "balanced|mostly-hot|mostly-cold|PATTERN") String mix;
    @Option(names = "--provider", paramLabel = "s3|gcs") String provider;
    @Option(names = "--latency-slo-ms") Double latencySloMs;
    @Option(names = "--max-cost-per-gb-month") Double maxCost;
    @Option(names = "--horizon-days") Double horizonDays;
    @Option(names = "--min-residency-days") Double minResidencyDays;
    @Option(names = "--min-saving-fraction") Double minSavingFraction;
    @Option(names = "--egress-per-gb") Double egressPerGb;

    @Override
    public Integer call() throws IOException {
        boolean generated = generate || seed != null || datasets != null || days != null || mix != null;
        ApiClient.Reply r = dim.client().post("/simulate", ApiClient.body(
                "trace", trace == null ? null : Files.readString(trace),
                "generate", generated ? ApiClient.body("seed", seed, "datasets", datasets, "days", days, "mix", mix) : null,
                "provider", provider, "latency_slo_ms", latencySloMs, "max_cost_per_gb_month", maxCost,
                "horizon_days", horizonDays, "min_residency_days", minResidencyDays,
                "min_saving_fraction", minSavingFraction, "egress_per_gb", egressPerGb));
        // the same table as the offline replay (routes.plan.Simulate --table) prints
        dim.print(r, (report, out) -> out.print(Simulate.table(ApiClient.JSON.convertValue(report, SimReport.class))));
        return Dim.OK;
    }
}
