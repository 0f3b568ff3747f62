package org.entrasfo.sfo.push.webpush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class VapidKeyDerivationTest {

    private static byte[] secret(int fill) {
        byte[] secret = new byte[64];
        Arrays.fill(secret, (byte) fill);
        return secret;
    }

    private static String publicKeyOf(KeyPair keys) {
        return Vapid.publicKeyBase64Url((ECPublicKey) keys.getPublic());
    }

    @Test
    void everyNodeDerivesTheSameKeyFromTheRealmsSecret() {
        KeyPair onOneNode = VapidKeyDerivation.keyPair(secret(1), NaiveP256::publicOf);
        KeyPair onAnother = VapidKeyDerivation.keyPair(secret(1), NaiveP256::publicOf);

        assertThat(publicKeyOf(onAnother)).isEqualTo(publicKeyOf(onOneNode));
        assertThat(((ECPrivateKey) onAnother.getPrivate()).getS()).isEqualTo(((ECPrivateKey) onOneNode.getPrivate()).getS());
    }

    /** Devices subscribe with this key: a change of the derivation would silently cut every device off. */
    @Test
    void theDerivationNeverChangesSilently() {
        assertThat(publicKeyOf(VapidKeyDerivation.keyPair(secret(1), NaiveP256::publicOf)))
                .isEqualTo(KNOWN_PUBLIC_KEY_OF_SECRET_1);
    }

    /** Computed independently of this code (RFC 5869 HKDF and P-256 arithmetic in another language). */
    private static final String KNOWN_PUBLIC_KEY_OF_SECRET_1 =
            "BHWQrQisz_WrmvMYTaN3DYXux6tfwl2dzqBDjUUInefyFtL77RgFpFFFA9eREeT9h_oQ4MBsYr71iN3OREdbxlA";

    @Test
    void anotherSecretGivesAnotherKey() {
        assertThat(publicKeyOf(VapidKeyDerivation.keyPair(secret(2), NaiveP256::publicOf)))
                .isNotEqualTo(publicKeyOf(VapidKeyDerivation.keyPair(secret(1), NaiveP256::publicOf)));
    }

    @Test
    void thePrivateScalarIsAValidP256Scalar() {
        BigInteger order = P256.PARAMETERS.getOrder();
        for (int fill = 0; fill < 16; fill++) {
            BigInteger scalar = VapidKeyDerivation.privateKey(secret(fill)).getS();
            assertThat(scalar).isPositive().isLessThan(order);
        }
    }

    @Test
    void refusesAPublicKeyThatIsNotThePrivateKeys() {
        ECPublicKey stranger = (ECPublicKey) P256.newKeyPair().getPublic();

        assertThatThrownBy(() -> VapidKeyDerivation.keyPair(secret(1), privateKey -> stranger))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void needsASecret() {
        assertThatThrownBy(() -> VapidKeyDerivation.privateKey(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
