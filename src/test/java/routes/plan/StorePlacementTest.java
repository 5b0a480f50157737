package routes.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import routes.catalog.Policy;
import routes.catalog.Store;
import routes.catalog.Tier;

/** Placement over registered stores: what the policy rules out is never chosen; the cheapest eligible is. */
class StorePlacementTest {

    private static final long GIB = 1L << 30;
    private final StorePlacement placement = new StorePlacement(new Placement.Settings(90, 0, 0));

    /** A store whose cold class costs {@code coldPrice} and answers in {@code coldMs}. */
    private static Store store(String name, String region, String encryption, double coldPrice, double coldMs) {
        Map<Tier, Store.StoreClass> c = new EnumMap<>(Tier.class);
        c.put(Tier.HOT, new Store.StoreClass("HOT", 0.023, 0, 0, 0, 0, 0, 10));
        c.put(Tier.WARM, new Store.StoreClass("WARM", 0.0125, 0, 0, 0, 0, 0, 50));
        c.put(Tier.COLD, new Store.StoreClass(name.toUpperCase() + "-COLD", coldPrice, 0, 0, 0, 0, 0, coldMs));
        return new Store(name, "file:///data/" + name + "/", region, encryption, c, null, null);
    }

    private static Policy policy(Double slo, Double maxCost, boolean encryption, List<String> preferred,
                                 List<String> excluded) {
        return new Policy(1, "p", slo, maxCost, 1, encryption, preferred, excluded, Policy.Mode.RECOMMEND, null, null);
    }

    private static Policy redundant(int copies, Double slo, boolean encryption) {
        return new Policy(1, "p", slo, null, copies, encryption, List.of(), List.of(), Policy.Mode.RECOMMEND, null, null);
    }

    private final Store local = store("local", null, null, 0.004, 200);
    private final Store cheap = store("cheap", "eu-west-1", null, 0.001, 200);
    private final Store vault = store("vault", "us-east-1", "AES256", 0.002, 200);
    private final Store quick = store("quick", "us-east-1", "AES256", 0.003, 20);
    private final List<Store> stores = List.of(local, cheap, vault, quick);

    private StorePlacement.Placed cold(Policy policy) {
        StorePlacement.Facts facts = new StorePlacement.Facts("file:///data/local/ds", Tier.HOT, 100 * GIB, 30,
                Demand.NONE);
        return placement.place(stores, facts, Tier.COLD, policy);
    }

    @Test
    void withoutAPolicyTheCheapestStoreOfTheTierWins() {
        StorePlacement.Placed p = cold(null);
        assertThat(p.targetStore()).isEqualTo("cheap");
        assertThat(p.tier()).isEqualTo(Tier.COLD);
        assertThat(p.moves()).isTrue();
        assertThat(p.reason()).contains("cold in store 'cheap'").contains("no policy");
    }

    @Test
    void anExcludedRegionIsNeverChosen() {
        StorePlacement.Placed p = cold(policy(null, null, false, List.of(), List.of("eu-west-1")));
        assertThat(p.targetStore()).isEqualTo("vault");
        assertThat(p.reason()).contains("regions excluded [eu-west-1]").contains("cheap/cold (region eu-west-1 is excluded)");
    }

    @Test
    void encryptionRequiredRulesOutStoresWithout() {
        StorePlacement.Placed p = cold(policy(null, null, true, List.of(), List.of()));
        assertThat(p.targetStore()).isEqualTo("vault");
        assertThat(p.reason()).contains("encryption required").contains("local/hot (not encrypted)");
    }

    @Test
    void aStoreTooSlowForTheSloIsNeverChosen() {
        StorePlacement.Placed p = cold(policy(100.0, null, false, List.of(), List.of()));
        assertThat(p.targetStore()).isEqualTo("quick");
        assertThat(p.reason()).contains("latency SLO 100 ms").contains("vault/cold (first byte 200 ms above the SLO)");
    }

    @Test
    void aStoreTooDearIsNeverChosen() {
        // only quick's cold class (0.003) is under 0.0035 and fast enough
        StorePlacement.Placed p = cold(policy(100.0, 0.0035, false, List.of(), List.of()));
        assertThat(p.targetStore()).isEqualTo("quick");
        // with the maximum below every cold class that meets the SLO, no class of any tier qualifies
        StorePlacement.Placed none = cold(policy(100.0, 0.0025, false, List.of(), List.of()));
        assertThat(none.target()).isNull();
        assertThat(none.moves()).isFalse();
        assertThat(none.reason()).contains("no registered store satisfies policy 'p'");
    }

    @Test
    void preferredRegionsWinWhenOneQualifies() {
        StorePlacement.Placed p = cold(policy(null, null, false, List.of("us-east-1"), List.of()));
        assertThat(p.targetStore()).isEqualTo("vault");
        StorePlacement.Placed nowhere = cold(policy(null, null, false, List.of("ap-south-1"), List.of()));
        assertThat(nowhere.targetStore()).isEqualTo("cheap");
        assertThat(nowhere.reason()).contains("no eligible store in the preferred regions [ap-south-1]");
    }

    @Test
    void whenThePolicyForbidsEveryClassOfTheTierTheCheapestEligibleOfAnyTierWins() {
        // every cold class but quick's answers in 200 ms; with a 15 ms SLO only hot classes qualify
        StorePlacement.Placed p = cold(policy(15.0, null, false, List.of(), List.of()));
        assertThat(p.tier()).isEqualTo(Tier.HOT);
        assertThat(p.reason()).contains("no eligible cold class");
    }

    @Test
    void aCurrentPlacementThePolicyForbidsIsLeftEvenWhenHysteresisWouldHold() {
        StorePlacement strict = new StorePlacement(new Placement.Settings(90, 365, 0.99));
        StorePlacement.Facts facts = new StorePlacement.Facts("file:///data/local/ds", Tier.HOT, GIB, 1, Demand.NONE);
        StorePlacement.Placed p = strict.place(stores, facts, Tier.HOT, policy(null, null, true, List.of(), List.of()));
        assertThat(p.moves()).isTrue();
        assertThat(p.targetStore()).isIn("vault", "quick");
        assertThat(p.reason()).contains("local/hot breaks the policy");
    }

    @Test
    void hysteresisHoldsAnEarlyMoveToColderStorage() {
        StorePlacement held = new StorePlacement(new Placement.Settings(90, 60, 0));
        StorePlacement.Facts facts = new StorePlacement.Facts("file:///data/local/ds", Tier.HOT, GIB, 3, Demand.NONE);
        StorePlacement.Placed p = held.place(stores, facts, Tier.COLD, null);
        assertThat(p.targetStore()).isEqualTo("cheap");
        assertThat(p.moves()).isFalse();
        assertThat(p.reason()).contains("held: resident 3 d of a minimum 60 d");
    }

    @Test
    void leavingAStorePaysItsEgress() {
        Map<Tier, Store.StoreClass> c = new EnumMap<>(local.classes());
        c.put(Tier.HOT, new Store.StoreClass("HOT", 0.023, 0, 1.0, 0, 0, 0, 10));
        Store costlyExit = new Store("local", local.uriPrefix(), null, null, c, null, null);
        // 100 GiB out at $1/GB: $100 of egress outweighs any storage saving over 90 days, so the local cold class wins
        StorePlacement.Facts facts = new StorePlacement.Facts("file:///data/local/ds", Tier.HOT, 100 * GIB, 30,
                Demand.NONE);
        StorePlacement.Placed p = placement.place(List.of(costlyExit, cheap), facts, Tier.COLD, null);
        assertThat(p.targetStore()).isEqualTo("local");
    }

    // --- min_redundancy: 100 GiB with no demand, so a month of every copy is its GiB times its price

    @Test
    void twoCopiesPutTheSecondaryInTheCheapestOtherStoreAndCountBothCopies() {
        StorePlacement.Placed p = cold(redundant(2, null, false));
        assertThat(p.targetStore()).isEqualTo("cheap");
        // the other stores' cheapest classes: local 0.004, vault 0.002, quick 0.003
        assertThat(p.replicaStores()).containsExactly("vault");
        assertThat(p.secondaries().get(0).tier()).isEqualTo(Tier.COLD);
        // 100 GiB x $0.001 (cheap/cold) + 100 GiB x $0.002 (vault/cold)
        assertThat(p.monthlyAllCopies()).isCloseTo(0.10 + 0.20, within(1e-9));
        assertThat(p.reason()).contains("the policy asks for 2 replicas in distinct stores")
                .contains("the primary in 'cheap', a secondary in 'vault' (cold VAULT-COLD, $0.0020 per GB-month)")
                .contains("all 2 copies cost $0.3000 per month").doesNotContain("cannot be met");
    }

    @Test
    void theLatencySloBindsThePrimaryOnly() {
        // only quick's cold class answers within 100 ms; the secondary may be slow and cheap
        StorePlacement.Placed p = cold(redundant(2, 100.0, false));
        assertThat(p.targetStore()).isEqualTo("quick");
        assertThat(p.replicaStores()).containsExactly("cheap");
        assertThat(p.monthlyAllCopies()).isCloseTo(100 * 0.003 + 100 * 0.001, within(1e-9));
    }

    @Test
    void fewerEligibleStoresThanCopiesIsSaidToBeUnmet() {
        // encryption leaves vault and quick: the primary in vault (0.002), one secondary in quick (0.003)
        StorePlacement.Placed p = cold(redundant(3, null, true));
        assertThat(p.targetStore()).isEqualTo("vault");
        assertThat(p.replicaStores()).containsExactly("quick");
        assertThat(p.monthlyAllCopies()).isCloseTo(0.20 + 0.30, within(1e-9));
        assertThat(p.reason()).contains("cannot be met: only 2 registered store(s) satisfy the policy, "
                + "so the dataset keeps 2 of 3 replicas");
        assertThat(Redundancy.whyUnmet(stores, redundant(3, null, true))).get().asString()
                .contains("min_redundancy 3").contains("only 2 registered store(s)").contains("(vault, quick)");
        assertThat(Redundancy.whyUnmet(stores, redundant(4, null, false))).isEmpty();
        assertThat(Redundancy.whyUnmet(stores, redundant(5, null, false))).isPresent();
    }

    @Test
    void aStoreHoldingASecondaryKeepsItAndIsNoTargetForThePrimary() {
        StorePlacement.Facts facts = new StorePlacement.Facts("file:///data/local/ds", Tier.HOT, 100 * GIB, 30,
                Demand.NONE, java.util.Set.of("cheap"));
        StorePlacement.Placed p = placement.place(stores, facts, Tier.COLD, redundant(2, null, false));
        assertThat(p.targetStore()).isEqualTo("vault");
        assertThat(p.replicaStores()).containsExactly("cheap");
        assertThat(p.monthlyAllCopies()).isCloseTo(0.20 + 0.10, within(1e-9));
        assertThat(p.reason()).contains("not the stores holding its secondary replicas [cheap]");
    }

    @Test
    void whileAMoveIsHeldTheSecondaryGoesBesideWhereThePrimaryIs() {
        StorePlacement held = new StorePlacement(new Placement.Settings(90, 60, 0));
        StorePlacement.Facts facts = new StorePlacement.Facts("file:///data/local/ds", Tier.HOT, 100 * GIB, 3,
                Demand.NONE);
        StorePlacement.Placed p = held.place(stores, facts, Tier.COLD, redundant(2, null, false));
        assertThat(p.moves()).isFalse();
        assertThat(p.replicaStores()).containsExactly("cheap");
        // the primary stays in local/hot ($0.023) meanwhile
        assertThat(p.monthlyAllCopies()).isCloseTo(100 * 0.023 + 100 * 0.001, within(1e-9));
        assertThat(p.reason()).contains("the primary in 'local'");
    }

    @Test
    void oneCopyNamesNoFurtherStores() {
        StorePlacement.Placed p = cold(redundant(1, null, false));
        assertThat(p.replicaStores()).isEmpty();
        assertThat(p.monthlyAllCopies()).isCloseTo(0.10, within(1e-9));
        assertThat(p.reason()).doesNotContain("redundancy");
    }

    @Test
    void anIntelligentTieringClassIsPricedByWhatItDoesWithIdleData() {
        Map<Tier, Store.StoreClass> c = new EnumMap<>(Tier.class);
        c.put(Tier.HOT, new Store.StoreClass("STANDARD", 0.023, 0, 0, 0, 0, 0, 10));
        c.put(Tier.WARM, new Store.StoreClass("INTELLIGENT_TIERING", 0.023, 0, 0, 0, 0, 0, 10));
        c.put(Tier.COLD, new Store.StoreClass("GLACIER_IR", 0.004, 0.03, 0, 0, 0, 90, 200));
        Store bucket = new Store("bucket", "s3://bucket/", null, null, c, null, null);
        // idle for 100 days already, in Standard: Intelligent-Tiering would store it 30 days at 0.023
        // and 60 at 0.0125 over the horizon (a fresh object there), plus its monitoring fee
        StorePlacement.Facts facts = new StorePlacement.Facts("s3://bucket/ds", Tier.HOT, 100 * GIB, 100,
                new Demand(0, 0, 0, 0, 100));
        StorePlacement.Placed p = placement.place(List.of(bucket), facts, Tier.WARM, null);
        assertThat(p.targetStore()).isEqualTo("bucket");
        assertThat(p.target().spec().storageClass()).isEqualTo("INTELLIGENT_TIERING");
        assertThat(p.reason()).contains("bucket/warm $" + String.format(java.util.Locale.ROOT, "%.4f",
                100 * (30 * 0.023 + 60 * 0.0125) / 30 + 0.0025 / 1000 * 3));
    }
}
