package org.entrasfo.sfo.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class HelpdeskCodeLimitsTest {

    @Test
    void withoutConfigCodesAreSingleUseAndLiveAtMostEightHours() {
        HelpdeskCodeLimits limits = HelpdeskCodeLimits.of((Map<String, String>) null);

        assertThat(limits.maxValidity()).isEqualTo(Duration.ofHours(8));
        assertThat(limits.maxUses()).isEqualTo(1);
    }

    @Test
    void anAdminMayLoosenTheLimitsOnlyUpToSevenDaysAndTenUses() {
        HelpdeskCodeLimits limits = HelpdeskCodeLimits.of(Map.of("maxValidityMinutes", "100000", "maxUsesPerCode", "50"));

        assertThat(limits.maxValidity()).isEqualTo(Duration.ofDays(7));
        assertThat(limits.maxUses()).isEqualTo(10);
    }

    @Test
    void unreadableOrNonPositiveValuesFallBackToTheStrictDefaults() {
        HelpdeskCodeLimits limits = HelpdeskCodeLimits.of(Map.of("maxValidityMinutes", "soon", "maxUsesPerCode", "0"));

        assertThat(limits).isEqualTo(HelpdeskCodeLimits.DEFAULTS);
        assertThat(HelpdeskCodeLimits.of(Map.of("maxUsesPerCode", "-3")).maxUses()).isEqualTo(1);
    }

    @Test
    void twoConfigsOfOneRealmYieldTheStricterOfEach() {
        HelpdeskCodeLimits longFew = HelpdeskCodeLimits.of(Map.of("maxValidityMinutes", "600", "maxUsesPerCode", "2"));
        HelpdeskCodeLimits shortMany = HelpdeskCodeLimits.of(Map.of("maxValidityMinutes", "30", "maxUsesPerCode", "5"));

        assertThat(longFew.strictest(shortMany)).isEqualTo(new HelpdeskCodeLimits(Duration.ofMinutes(30), 2));
    }
}
