package routes.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How large a multipart upload's parts are: S3 takes at most 10,000 of them. */
class MultipartUploadTest {

    @Test
    void partsGrowWhereAnObjectWouldOtherwiseNeedMoreThanTenThousand() {
        long mib = 1L << 20;
        assertThat(MultipartUpload.partSize(1L << 30, 8 * mib)).isEqualTo(8 * mib);
        assertThat(MultipartUpload.partSize(10_000 * 8 * mib, 8 * mib)).as("exactly 10,000 parts").isEqualTo(8 * mib);
        // 100 GiB / 10,000 = 10.24 MiB, rounded up to whole MiB
        assertThat(MultipartUpload.partSize(100L << 30, 8 * mib)).isEqualTo(11 * mib);
        // S3's largest object, 5 TiB: 524.29 MiB -> 525 MiB, 9,753 parts
        assertThat(MultipartUpload.partSize(5L << 40, 8 * mib)).isEqualTo(525 * mib);
    }
}
