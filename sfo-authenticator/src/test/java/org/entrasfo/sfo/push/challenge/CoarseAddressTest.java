package org.entrasfo.sfo.push.challenge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CoarseAddressTest {

    @Test
    void showsAnIpv4NetworkNotTheAddress() {
        assertThat(CoarseAddress.of("203.0.113.77")).isEqualTo("203.0.113.0/24");
    }

    @Test
    void showsAnIpv6SlashFortyEight() {
        assertThat(CoarseAddress.of("2001:db8:1234:5678::1")).isEqualTo("2001:db8:1234::/48");
    }

    @Test
    void neverLooksUpAName() {
        assertThat(CoarseAddress.of("example.org")).isNull();
        assertThat(CoarseAddress.of(null)).isNull();
    }
}
