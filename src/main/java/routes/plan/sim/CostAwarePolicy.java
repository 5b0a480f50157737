package routes.plan.sim;

import java.util.List;

import routes.plan.Demand;
import routes.plan.DemandForecast;
import routes.plan.Placement;
import routes.plan.PlacementPolicy;
import routes.plan.ReturnPrior;
import routes.plan.StorageClass;
import routes.plan.UsageFeatures;

/** Data in Motion's own decision: forecast the demand from the past, then the service's placement
 *  (cheapest allowed class over the horizon, with hysteresis). */
public final class CostAwarePolicy implements ReplayPolicy {

    private final List<StorageClass> classes;
    private final Placement placement;
    private final DemandForecast forecast;
    private final PlacementPolicy policy;
    private final String name;
    private final ReturnPrior prior;

    public CostAwarePolicy(String name, List<StorageClass> classes, Placement placement, DemandForecast forecast,
                           PlacementPolicy policy) {
        this(name, classes, placement, forecast, policy, null);
    }

    /** With {@code prior} (may be null): idle data that has not come back yet is expected back as often
     *  as such data came back across datasets before the decision's day. */
    public CostAwarePolicy(String name, List<StorageClass> classes, Placement placement, DemandForecast forecast,
                           PlacementPolicy policy, ReturnPrior prior) {
        this.name = name;
        this.classes = classes;
        this.placement = placement;
        this.forecast = forecast;
        this.policy = policy;
        this.prior = prior;
    }

    @Override
    public ReplayPolicy forDataset(DatasetHistory.Days days) {
        if (prior == null) {
            return this;
        }
        return new CostAwarePolicy(name, classes, placement, prior.forecast(forecast,
                placement.settings().horizonDays(), f -> days.firstDay() + (long) f.ageDays()), policy, null);
    }

    public String name() {
        return name;
    }

    public String description() {
        Placement.Settings s = placement.settings();
        return "cheapest class allowed by the policy over " + (int) s.horizonDays() + " d for the forecast demand; "
                + "moves after " + (int) s.minResidencyDays() + " d resident and when saving >= "
                + Math.round(s.minSavingFraction() * 100) + "%"
                + (prior == null ? "" : "; never-read idle data expected back as often as such data came back before");
    }

    public int initial(int n) {
        // nothing is known about new data yet: a self-tiering class bills it as the hottest class while it
        // is used and lowers the price by itself if it is not, so it goes there when the policy allows it
        for (int i = 0; i < classes.size(); i++) {
            if (classes.get(i).selfTiering() && policy.allows(classes.get(i))) {
                return i;
            }
        }
        for (int i = 0; i < classes.size(); i++) {
            if (policy.allows(classes.get(i))) {
                return i;
            }
        }
        return 0;
    }

    public int decide(int current, int residentDays, UsageFeatures past) {
        StorageClass now = classes.get(current);
        StorageClass target = placement.target(classes, now, residentDays, past.sizeBytes(), forecast.predict(past),
                policy);
        return classes.indexOf(target);
    }

    @Override
    public Promotion onAccess(int current, int residentDays, UsageFeatures past, long bytesPerRead) {
        // a forecast that expects returns (own or the population's) says how many reads one brings
        Demand d = forecast.predict(past);
        double perReturn = d.returnsPerMonth() > 0 ? d.readsPerMonth() / d.returnsPerMonth() : 0;
        return Promotion.by(placement, classes, policy, current, residentDays, past, bytesPerRead, perReturn);
    }
}
