package routes.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The dataset checksum summed object by object, as a manifest is read page by page, is the one
 *  taken over the whole manifest at once. */
class DatasetChecksumTest {

    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);

    @Test
    void aSingleObjectIsItsOwnSha() {
        DatasetChecksum sum = new DatasetChecksum();
        sum.add("", A);
        assertThat(sum.value()).isEqualTo(A).isEqualTo(DatasetChecksum.of(Map.of("", A)));
    }

    @Test
    void objectsInKeyOrderSumToTheWholeManifestsChecksum() {
        DatasetChecksum sum = new DatasetChecksum();
        sum.add("a-b", A);
        sum.add("a/c", B);
        sum.add("b", A);
        assertThat(sum.ordered()).isTrue();
        assertThat(sum.value()).isEqualTo(DatasetChecksum.of(Map.of("b", A, "a/c", B, "a-b", A)))
                .isNotEqualTo(DatasetChecksum.of(Map.of("b", A, "a/c", A, "a-b", A)));
    }

    @Test
    void objectsOutOfKeyOrderAreNoticed() {
        DatasetChecksum sum = new DatasetChecksum();
        sum.add("b", A);
        sum.add("a", B);
        assertThat(sum.ordered()).isFalse();
    }
}
