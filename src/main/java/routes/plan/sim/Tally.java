package routes.plan.sim;

import routes.plan.Cost;

/** What one policy cost over a whole trace, summed over datasets. */
public final class Tally {

    double storage;
    double retrieval;
    double requests;
    double migration;
    double earlyDeletion;
    long sloMisses;
    long migrations;

    void add(Cost c) {
        storage += c.storage();
        retrieval += c.retrieval();
        requests += c.requests();
        migration += c.migration();
        earlyDeletion += c.earlyDeletion();
    }

    void add(Tally o) {
        storage += o.storage;
        retrieval += o.retrieval;
        requests += o.requests;
        migration += o.migration;
        earlyDeletion += o.earlyDeletion;
        sloMisses += o.sloMisses;
        migrations += o.migrations;
    }

    public Cost cost() {
        return new Cost(storage, retrieval, requests, migration, earlyDeletion);
    }

    public double total() {
        return cost().total();
    }

    public long sloMisses() {
        return sloMisses;
    }

    public long migrations() {
        return migrations;
    }
}
