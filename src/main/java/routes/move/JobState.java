package routes.move;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The states of a migration and the moves between them:
 * {@code queued → copying → verifying → switching → deleting → completed}, {@code failed} from any
 * unfinished state, {@code queued} again on retry. A step may be entered again (a redelivery or a
 * resume after a crash redoes it), and a failed verification goes back to copying. A replicate job
 * ends after its switch (recording the secondary replica): it has no delete step.
 */
public enum JobState {
    QUEUED, COPYING, VERIFYING, SWITCHING, DELETING, COMPLETED, FAILED;

    private static final Map<JobState, Set<JobState>> NEXT = Map.of(
            QUEUED, EnumSet.of(COPYING, FAILED),
            COPYING, EnumSet.of(COPYING, VERIFYING, FAILED),
            VERIFYING, EnumSet.of(COPYING, VERIFYING, SWITCHING, FAILED),
            SWITCHING, EnumSet.of(COPYING, SWITCHING, DELETING, COMPLETED, FAILED),
            DELETING, EnumSet.of(DELETING, COMPLETED, FAILED),
            COMPLETED, EnumSet.noneOf(JobState.class),
            FAILED, EnumSet.of(QUEUED));

    public boolean canMoveTo(JobState next) {
        return NEXT.get(this).contains(next);
    }

    public boolean terminal() {
        return this == COMPLETED || this == FAILED;
    }

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobState of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
