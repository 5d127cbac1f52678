package dev.fieldgate.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MultipartPlanTest {

    private static final long MIB = 1024 * 1024;

    @ParameterizedTest(name = "{0} bytes with threshold {1} and parts of {2}: multipart={3}, {4} parts of {5}")
    @CsvSource({
        // below the threshold: one PutObject
        "0,        16777216, 8388608, false, 1, 0",
        "16777215, 16777216, 8388608, false, 1, 16777215",
        // at and above it: parts of the configured size, the last one smaller
        "16777216, 16777216, 8388608, true,  2, 8388608",
        "20000000, 16777216, 8388608, true,  3, 8388608",
        // a low threshold sends even a small object as one part
        "1000,     1,        5242880, true,  1, 5242880",
    })
    void theThresholdDecidesAndThePartSizeCounts(
            long length, long threshold, long partSize, boolean multipart, int parts, long plannedPartSize) {
        MultipartPlan plan = MultipartPlan.of(length, threshold, partSize);

        assertThat(plan.multipart()).isEqualTo(multipart);
        assertThat(plan.parts()).isEqualTo(parts);
        assertThat(plan.partSize()).isEqualTo(plannedPartSize);
    }

    @Test
    void theLastPartHoldsTheRest() {
        MultipartPlan plan = MultipartPlan.of(20 * MIB, 16 * MIB, 8 * MIB);

        assertThat(plan.partLength(1, 20 * MIB)).isEqualTo(8 * MIB);
        assertThat(plan.partLength(3, 20 * MIB)).isEqualTo(4 * MIB);
    }

    @Test
    void partsGrowWhenAnObjectWouldNeedMoreThanTenThousand() {
        long length = 100_000 * MIB; // 100,000 MiB in 8 MiB parts would be 12,500 parts
        MultipartPlan plan = MultipartPlan.of(length, 16 * MIB, 8 * MIB);

        assertThat(plan.parts()).isLessThanOrEqualTo(MultipartPlan.MAX_PARTS);
        assertThat(plan.partSize() * plan.parts()).isGreaterThanOrEqualTo(length);
        assertThat(plan.partSize()).isGreaterThan(8 * MIB);
    }

    @Test
    void whatS3CannotStoreIsRefused() {
        assertThatThrownBy(() -> MultipartPlan.of(-1, 16 * MIB, 8 * MIB)).hasMessageContaining("must be known");
        assertThatThrownBy(() -> MultipartPlan.of(MultipartPlan.MAX_OBJECT_SIZE + 1, 16 * MIB, 8 * MIB))
                .hasMessageContaining("at most 5 TiB");
    }
}
