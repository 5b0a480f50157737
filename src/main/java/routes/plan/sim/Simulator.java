package routes.plan.sim;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import routes.classify.TieringModel;
import routes.plan.CostModel;
import routes.plan.DemandForecast;
import routes.plan.Placement;
import routes.plan.PlacementPolicy;
import routes.plan.ReturnPrior;
import routes.plan.StorageClass;

/**
 * The replay: reads a trace once (streaming, keeping per dataset only its active days), then runs
 * Data in Motion's placement, the baselines and the clairvoyant optimum over every dataset in
 * simulated days, with one cost model (and, given tree settings, our placement driven by a tree
 * trained on the trace's first half). No bytes move. A dataset exists from its first event to the
 * last day of the trace.
 */
public final class Simulator {

    public static final String OURS = "data-in-motion";
    private static final long DAY_MS = 86_400_000L;

    private final List<StorageClass> classes;
    private final List<StorageClass> withSelfTiering;
    private final String provider;
    private final CostModel costs;
    private final Placement placement;
    private final PlacementPolicy policy;
    private final DemandForecast forecast;
    private final TieringModel tree;

    /** {@code classes}: the provider's classes, hottest first; {@code selfTiering}: its self-tiering class,
     *  which ours and the optimum may also choose (the age rules step through {@code classes} only). */
    public Simulator(String provider, List<StorageClass> classes, StorageClass selfTiering, Placement placement,
                     PlacementPolicy policy, DemandForecast forecast, TieringModel tree) {
        this.tree = tree;
        this.provider = provider;
        this.classes = classes;
        List<StorageClass> all = new ArrayList<>(classes);
        all.add(selfTiering);
        this.withSelfTiering = List.copyOf(all);
        this.costs = placement.costs();
        this.placement = placement;
        this.policy = policy;
        this.forecast = forecast;
    }

    /** Ours first (with {@code prior}, learned from the whole trace, each day's decision seeing only the days
     *  before it), then the baselines; ours and the self-tiering baseline choose among all classes. */
    public List<ReplayPolicy> policies(ReturnPrior prior) {
        return List.of(new CostAwarePolicy(OURS, withSelfTiering, placement, forecast, policy, prior),
                Baselines.alwaysHot(), Baselines.alwaysCold(), Baselines.intelligentTieringLike(),
                Baselines.autoclassLike(),
                Baselines.selfTiering(withSelfTiering.get(withSelfTiering.size() - 1).name()));
    }

    private boolean choosesSelfTiering(ReplayPolicy p) {
        return p instanceof CostAwarePolicy || p instanceof TreePolicy || p.name().endsWith("-billed");
    }

    public SimReport run(Iterator<TraceEvent> trace) {
        long started = System.nanoTime();
        Map<String, DatasetHistory> histories = new LinkedHashMap<>();
        long events = 0;
        long firstDay = Long.MAX_VALUE;
        long lastDay = Long.MIN_VALUE;
        while (trace.hasNext()) {
            TraceEvent e = trace.next();
            long day = Math.floorDiv(e.tsMillis(), DAY_MS);
            histories.computeIfAbsent(e.datasetId(), DatasetHistory::new).add(day, e);
            firstDay = Math.min(firstDay, day);
            lastDay = Math.max(lastDay, day);
            events++;
        }
        if (events == 0) {
            throw new TraceFormatException(0, "trace", "the trace holds no events");
        }
        List<DatasetHistory.Days> all = new ArrayList<>();
        for (DatasetHistory h : histories.values()) {
            all.add(h.expand(lastDay));
        }
        List<ReplayPolicy> online = new ArrayList<>(policies(ReturnPrior.of(all)));
        if (tree != null) {
            TreePolicy t = TreePolicy.train(all, firstDay + (lastDay - firstDay + 1) / 2, tree, withSelfTiering,
                    placement, policy);
            if (t != null) {
                online.add(1, t);
            }
        }
        Replay replay = new Replay(classes, costs, policy);
        Replay replayAll = new Replay(withSelfTiering, costs, policy);
        Optimum optimum = new Optimum(withSelfTiering, costs, policy);
        List<Tally> tallies = new ArrayList<>();
        online.forEach(p -> tallies.add(new Tally()));
        Tally best = new Tally();
        int n = 0;
        for (DatasetHistory h : histories.values()) {
            DatasetHistory.Days days = all.get(n++);
            for (int i = 0; i < online.size(); i++) {
                ReplayPolicy p = online.get(i);
                tallies.get(i).add((choosesSelfTiering(p) ? replayAll : replay).run(days, p));
            }
            Optimum.Result r = optimum.solve(days);
            if (Math.abs(r.dpTotal() - r.tally().total()) > 1e-9 * Math.max(1, r.dpTotal())) {
                throw new IllegalStateException("optimum of " + h.id() + ": the DP says " + r.dpTotal()
                        + " but its schedule bills " + r.tally().total());
            }
            best.add(r.tally());
        }
        List<SimReport.PolicyResult> results = new ArrayList<>();
        for (int i = 0; i < online.size(); i++) {
            results.add(result(online.get(i), tallies.get(i), best.total()));
        }
        results.add(result(optimum, best, best.total()));
        long ms = Math.max(1, (System.nanoTime() - started) / 1_000_000);
        Placement.Settings s = placement.settings();
        return new SimReport(new SimReport.TraceSummary(events, histories.size(), lastDay - firstDay + 1,
                LocalDate.ofEpochDay(firstDay).toString(), LocalDate.ofEpochDay(lastDay).toString()), provider,
                withSelfTiering.stream().map(StorageClass::name).toList(),
                new SimReport.Settings(policy.latencySloMs(), policy.maxCostPerGbMonth(), s.horizonDays(),
                        s.minResidencyDays(), s.minSavingFraction(), costs.egressPerGb()),
                results, new SimReport.Timing(ms, events * 1000 / ms));
    }

    private static SimReport.PolicyResult result(ReplayPolicy p, Tally t, double optimum) {
        routes.plan.Cost c = t.cost();
        return new SimReport.PolicyResult(p.name(), p.description(), usd(c.total()), usd(c.storage()),
                usd(c.retrieval()), usd(c.requests()), usd(c.migration()), usd(c.earlyDeletion()), t.sloMisses(),
                t.migrations(), optimum > 0 ? Math.round(c.total() / optimum * 10000) / 10000.0 : 1);
    }

    private static double usd(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
