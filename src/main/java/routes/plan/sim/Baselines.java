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

    /** Every dataset written to the provider's self-tiering class (the last of the classes it is replayed
     *  with), left to tier itself: S3 Intelligent-Tiering or GCS Autoclass as the services bill them. */
    public static ReplayPolicy selfTiering(String className) {
        return new ReplayPolicy() {
            public String name() {
                return className + "-billed";
            }

            public String description() {
                return "every dataset in " + className + ", which tiers it by itself: no retrieval, transition "
                        + "or early-deletion fees, a monitoring fee per object";
            }

            public int initial(int classes) {
                return classes - 1;
            }

            public int decide(int current, int residentDays, UsageFeatures past) {
                return current;
            }
        };
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

        AgeRule(String name, String description, int... thresholds) {
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
