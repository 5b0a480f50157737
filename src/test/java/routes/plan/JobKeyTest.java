package routes.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import routes.catalog.Tier;

class JobKeyTest {

    @Test
    void theSameMoveHasTheSameKeyAndAnyDifferenceChangesIt() {
        String key = JobKey.of(1, "file:///a", "file:///b", Tier.COLD);
        assertThat(JobKey.of(1, "file:///a", "file:///b", Tier.COLD)).isEqualTo(key).hasSize(64);
        assertThat(JobKey.of(2, "file:///a", "file:///b", Tier.COLD)).isNotEqualTo(key);
        assertThat(JobKey.of(1, "file:///b", "file:///a", Tier.COLD)).isNotEqualTo(key);
        assertThat(JobKey.of(1, "file:///a", "file:///c", Tier.COLD)).isNotEqualTo(key);
        assertThat(JobKey.of(1, "file:///a", "file:///b", Tier.WARM)).isNotEqualTo(key);
    }
}
