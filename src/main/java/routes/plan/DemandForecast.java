package routes.plan;

/** Expected demand from what a dataset did recently. */
public interface DemandForecast {

    Demand predict(UsageFeatures f);

    /**
     * The persistence forecast: the next month looks like the last 30 days (scaled up for a dataset
     * younger than that). Simple, and with hysteresis it is hard to beat on real access logs, which
     * are dominated by data that stays busy or stays idle.
     */
    DemandForecast RECENT_RATE = f -> {
        double scale = 30 / Math.max(1, Math.min(30, f.ageDays()));
        return new Demand(f.readsLast30d() * scale, f.readBytesLast30d() * scale, f.writesLast30d() * scale);
    };
}
