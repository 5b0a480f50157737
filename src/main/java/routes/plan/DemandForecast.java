package routes.plan;

/** Expected demand from what a dataset did recently. */
public interface DemandForecast {

    /** Days without access after which recurring data counts as idle between two returns. */
    int IDLE_DAYS = 7;

    Demand predict(UsageFeatures f);

    /**
     * The persistence forecast: the next month looks like the last 30 days (scaled up for a dataset
     * younger than that). Simple, and with hysteresis it is hard to beat on real access logs, which
     * are dominated by data that stays busy or stays idle.
     */
    DemandForecast RECENT_RATE = f -> {
        double scale = 30 / Math.max(1, Math.min(30, f.ageDays()));
        double reads = f.readsLast30d() * scale;
        // fading data (a release read less every week) is expected at its last week's rate
        double weekly = f.readsLast7d() * 30 / 7;
        double fade = f.ageDays() >= 14 && reads > 0 && weekly < reads ? weekly / reads : 1;
        return new Demand(reads * fade, f.readBytesLast30d() * scale * fade, f.writesLast30d() * scale)
                .idleFor(f.daysSinceLastAccess());
    };

    /**
     * The persistence forecast, except for data that has come back after more than two weeks of silence:
     * it will likely come back again, so what its returns read, averaged over its lifetime, is expected too
     * (the larger of the two), and, while it is idle, its returns per month (placement weighs a cold
     * class's retrieval fees against bringing it back up on its next return). Reads before its first
     * return are not a return's: a release read about 300 times in its first weeks and once after 18 idle
     * days was expected to read about 150 times a month from then on, which kept it in the self-tiering
     * class all year.
     */
    DemandForecast RECENT_OR_RECURRING = f -> {
        Demand recent = RECENT_RATE.predict(f);
        if (f.returnsAfterIdle() < 1 || f.ageDays() < 1) {
            return recent;
        }
        double months = f.ageDays() / 30;
        double returns = f.daysSinceLastAccess() >= IDLE_DAYS ? f.returnsAfterIdle() / months : 0;
        return new Demand(Math.max(recent.readsPerMonth(), f.readsSinceReturn() / months),
                Math.max(recent.readBytesPerMonth(), f.readBytesSinceReturn() / months), recent.writesPerMonth(), returns,
                f.daysSinceLastAccess());
    };
}
