package org.entrasfo.sfo.face;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class FrameLimitsTest {

    @Test
    void withoutConfigTwelveFramesOfAtMost200KilobytesAreTaken() {
        FrameLimits limits = FrameLimits.of((Map<String, String>) null);

        assertThat(limits.maxFrames()).isEqualTo(12);
        assertThat(limits.maxFrameBytes()).isEqualTo(200 * 1024);
        assertThat(limits.maxTotalBytes()).isEqualTo(12 * 200 * 1024);
    }

    @Test
    void anAdminMayRaiseTheLimitsOnlyUpToThirtyFramesOfOneMegabyte() {
        FrameLimits limits = FrameLimits.of(Map.of("faceMaxFrames", "500", "faceMaxFrameKilobytes", "100000"));

        assertThat(limits.maxFrames()).isEqualTo(30);
        assertThat(limits.maxFrameBytes()).isEqualTo(1024 * 1024);
    }

    @Test
    void unreadableOrNonPositiveValuesFallBackToTheDefaults() {
        assertThat(FrameLimits.of(Map.of("faceMaxFrames", "many", "faceMaxFrameKilobytes", "-1"))).isEqualTo(FrameLimits.DEFAULTS);
    }
}
