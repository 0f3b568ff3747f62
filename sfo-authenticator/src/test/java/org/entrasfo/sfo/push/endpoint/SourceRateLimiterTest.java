package org.entrasfo.sfo.push.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class SourceRateLimiterTest {

    private final AtomicLong clock = new AtomicLong(1_000_000);

    private SourceRateLimiter limiter(int perMinute, int maxSources) {
        return new SourceRateLimiter(perMinute, maxSources, clock::get);
    }

    private static void exhaust(SourceRateLimiter limiter, String source) {
        while (limiter.admit(source).admitted()) {
            // take the whole allowance
        }
    }

    @Test
    void admitsAMinutesAllowanceThenSaysWhenToComeBack() {
        SourceRateLimiter limiter = limiter(3, 10);

        assertThat(limiter.admit("203.0.113.7").admitted()).isTrue();
        assertThat(limiter.admit("203.0.113.7").admitted()).isTrue();
        assertThat(limiter.admit("203.0.113.7").admitted()).isTrue();
        SourceRateLimiter.Admission fourth = limiter.admit("203.0.113.7");

        assertThat(fourth.admitted()).isFalse();
        assertThat(fourth.retryAfterSeconds()).isEqualTo(20);
    }

    @Test
    void refillsEvenlyOverTheMinute() {
        SourceRateLimiter limiter = limiter(3, 10);
        exhaust(limiter, "203.0.113.7");

        clock.addAndGet(20_000);

        assertThat(limiter.admit("203.0.113.7").admitted()).isTrue();
        assertThat(limiter.admit("203.0.113.7").admitted()).isFalse();
    }

    @Test
    void eachSourceHasItsOwnAllowance() {
        SourceRateLimiter limiter = limiter(2, 10);
        exhaust(limiter, "203.0.113.7");

        assertThat(limiter.admit("203.0.113.8").admitted()).isTrue();
    }

    @Test
    void anIpv6HostCannotTakeAFreshAllowanceFromEachOfItsAddresses() {
        SourceRateLimiter limiter = limiter(2, 10);
        exhaust(limiter, "2001:db8:1:2::1");

        assertThat(limiter.admit("2001:db8:1:2:ffff:ffff:ffff:ffff").admitted()).isFalse();
        assertThat(limiter.admit("2001:db8:1:3::1").admitted()).isTrue();
    }

    @Test
    void memoryIsBoundedByForgettingTheLeastRecentlySeenSources() {
        SourceRateLimiter limiter = limiter(1, 2);
        exhaust(limiter, "203.0.113.1");
        limiter.admit("203.0.113.2");
        limiter.admit("203.0.113.3");

        assertThat(limiter.admit("203.0.113.1").admitted()).as("forgotten, so admitted again").isTrue();
    }

    @Test
    void unreadableAddressesShareOneAllowance() {
        SourceRateLimiter limiter = limiter(1, 10);
        limiter.admit(null);

        assertThat(limiter.admit("not an address").admitted()).isFalse();
        assertThat(SourceRateLimiter.sourceOf("::ffff:203.0.113.9")).isEqualTo("203.0.113.9");
    }
}
