package org.entrasfo.sfo.push.webpush;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

class VapidKeysTest {

    private final AtomicInteger derivations = new AtomicInteger();
    private final Function<ECPrivateKey, ECPublicKey> countingPublicOf = privateKey -> {
        derivations.incrementAndGet();
        return NaiveP256.publicOf(privateKey);
    };

    @Test
    void derivesOncePerNodeAndHmacKey() {
        VapidKeys keys = new VapidKeys(countingPublicOf);

        KeyPair first = keys.of("realm/hmac-1", new byte[] {1, 2, 3});
        KeyPair again = keys.of("realm/hmac-1", new byte[] {1, 2, 3});

        assertThat(again).isSameAs(first);
        assertThat(derivations).hasValue(1);
    }

    @Test
    void aRotatedHmacKeyGivesANewVapidKey() {
        VapidKeys keys = new VapidKeys(countingPublicOf);

        KeyPair before = keys.of("realm/hmac-1", new byte[] {1, 2, 3});
        KeyPair after = keys.of("realm/hmac-2", new byte[] {4, 5, 6});

        assertThat(after.getPublic()).isNotEqualTo(before.getPublic());
        assertThat(derivations).hasValue(2);
    }
}
