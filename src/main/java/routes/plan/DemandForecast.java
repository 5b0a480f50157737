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

    /**
     * The persistence forecast, except for data that has come back after a month or more of silence:
     * it will likely come back again, so its lifetime average is expected too (the larger of the two).
     * This keeps periodic and bursty data out of classes whose retrieval fees its returns would pay.
     */
    DemandForecast RECENT_OR_RECURRING = f -> {
        Demand recent = RECENT_RATE.predict(f);
        if (f.returnsAfterIdle() < 1 || f.ageDays() < 1) {
            return recent;
        }
        double months = f.ageDays() / 30;
        return new Demand(Math.max(recent.readsPerMonth(), f.readsTotal() / months),
                Math.max(recent.readBytesPerMonth(), f.readBytesTotal() / months), recent.writesPerMonth());
    };
}
