package routes.move;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JobStateTest {

    @Test
    void theHappyPathIsAllowedInOrder() {
        JobState[] path = {JobState.QUEUED, JobState.COPYING, JobState.VERIFYING, JobState.SWITCHING,
            JobState.DELETING, JobState.COMPLETED};
        for (int i = 1; i < path.length; i++) {
            assertThat(path[i - 1].canMoveTo(path[i])).as(path[i - 1] + " -> " + path[i]).isTrue();
        }
    }

    @Test
    void aReplicateJobEndsAfterItsSwitch() {
        assertThat(JobState.SWITCHING.canMoveTo(JobState.COMPLETED)).isTrue();
        assertThat(JobState.VERIFYING.canMoveTo(JobState.COMPLETED)).isFalse();
    }

    @Test
    void noStepIsSkippedAndTheSourceIsNeverDeletedBeforeTheSwitch() {
        assertThat(JobState.QUEUED.canMoveTo(JobState.SWITCHING)).isFalse();
        assertThat(JobState.COPYING.canMoveTo(JobState.DELETING)).isFalse();
        assertThat(JobState.VERIFYING.canMoveTo(JobState.DELETING)).isFalse();
        assertThat(JobState.DELETING.canMoveTo(JobState.COPYING)).as("after the switch there is no going back").isFalse();
    }

    @Test
    void failedFromAnyUnfinishedStateAndQueuedAgainOnRetry() {
        for (JobState s : JobState.values()) {
            assertThat(s.canMoveTo(JobState.FAILED)).isEqualTo(!s.terminal());
        }
        assertThat(JobState.FAILED.canMoveTo(JobState.QUEUED)).isTrue();
        assertThat(JobState.COMPLETED.canMoveTo(JobState.QUEUED)).isFalse();
    }
}
