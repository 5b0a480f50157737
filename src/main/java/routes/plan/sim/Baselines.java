package routes.plan.sim;

import java.util.Arrays;

import routes.plan.UsageFeatures;

/** The policies ours is measured against: fixed placement, and the age rules of managed tiering. */
public final class Baselines {

    private Baselines() {
    }

    /** Everything stays in the hottest class. */
    public static ReplayPolicy alwaysHot() {
        return fixed("always-hot", "every dataset stays in the hottest class", false);
    }

    /** Everything is written to and stays in the coldest class. */
    public static ReplayPolicy alwaysCold() {
        return fixed("always-cold", "every dataset is written to and stays in the coldest class", true);
    }

    /** Like S3 Intelligent-Tiering: infrequent after 30 days without access, archive-instant after 90,
     *  back to frequent on access. Applied here to the provider's classes at their list prices. */
    public static ReplayPolicy intelligentTieringLike() {
        return new AgeRule("s3-intelligent-tiering-like", "next colder class after 30 and 90 days without "
                + "access, back to the hottest on access", 30, 90);
    }

    /** Like GCS Autoclass with Archive as terminal class: 30, 90 and 365 days without access step the
     *  object down; a read brings it back to the hottest class. */
    public static ReplayPolicy autoclassLike() {
        return new AgeRule("gcs-autoclass-like", "next colder class after 30, 90 and 365 days without access, "
                + "back to the hottest on access", 30, 90, 365);
    }

    /** The Intelligent-Tiering-like rule billed as S3 Intelligent-Tiering bills: storage at the tier
     *  rates, no retrieval or transition fees, $0.0025 per 1,000 objects a month for monitoring. */
    public static ReplayPolicy intelligentTieringBilled() {
        return new AgeRule("s3-intelligent-tiering-billed", "the Intelligent-Tiering-like rule billed as the "
                + "managed service: no retrieval or transition fees, monitoring per object", true, 30, 90);
    }

    /** The Autoclass-like rule billed as Autoclass bills: no retrieval or early-deletion fees, operations at
     *  Standard prices, and a management fee (its amount is not in our notes; the S3 monitoring fee is used). */
    public static ReplayPolicy autoclassBilled() {
        return new AgeRule("gcs-autoclass-billed", "the Autoclass-like rule billed as the managed service: no "
                + "retrieval or early-deletion fees, a management fee per object", true, 30, 90, 365);
    }

    private static ReplayPolicy fixed(String name, String description, boolean coldest) {
        return new ReplayPolicy() {
            public String name() {
                return name;
            }

            public String description() {
                return description;
            }

            public int initial(int classes) {
                return coldest ? classes - 1 : 0;
            }

            public int decide(int current, int residentDays, UsageFeatures past) {
                return current;
            }
        };
    }

    /** Class i+1 once the dataset has gone {@code thresholds[i]} whole days without access. */
    static final class AgeRule implements ReplayPolicy {
        private final String name;
        private final String description;
        private final int[] thresholds;
        private final boolean managed;

        AgeRule(String name, String description, int... thresholds) {
            this(name, description, false, thresholds);
        }

        AgeRule(String name, String description, boolean managed, int... thresholds) {
            this.managed = managed;
            this.name = name;
            this.description = description;
            this.thresholds = Arrays.copyOf(thresholds, thresholds.length);
        }

        public String name() {
            return name;
        }

        public String description() {
            return description;
        }

        public int initial(int classes) {
            return 0;
        }

        public boolean managedBilling() {
            return managed;
        }

        public int decide(int current, int residentDays, UsageFeatures past) {
            int step = 0;
            while (step < thresholds.length && past.daysSinceLastAccess() >= thresholds[step]) {
                step++;
            }
            return step; // the replay caps it at the coldest class
        }

        /** Back to the hottest class on access, after the read that triggered it (as the services do). */
        public Promotion onAccess(int current, int residentDays, UsageFeatures past, long bytesPerRead) {
            return current == 0 ? null : new Promotion(0, 1);
        }
    }
}
