package org.entrasfo.sfo.push.webpush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

class WebPushEncryptionTest {

    /** RFC 8291, Appendix A. */
    private static final String PLAINTEXT = "V2hlbiBJIGdyb3cgdXAsIEkgd2FudCB0byBiZSBhIHdhdGVybWVsb24";
    private static final String AS_PUBLIC = "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
    private static final String AS_PRIVATE = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
    private static final String UA_PUBLIC = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    private static final String UA_PRIVATE = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94";
    private static final String SALT = "DGv6ra1nlYgDCS1FRnbzlw";
    private static final String AUTH_SECRET = "BTBZMqHH6r4Tts7J_aSIgg";
    private static final String BODY = "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_"
            + "yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";

    private static byte[] b64(String value) {
        return Base64.getUrlDecoder().decode(value);
    }

    private static PushSubscription rfcSubscription() {
        return PushSubscription.fromJson(Map.of("endpoint", "https://push.example.net/push/JzLQ3raZJfFBR0aqvOMsLrt54w4rJUsV",
                "keys", Map.of("p256dh", UA_PUBLIC, "auth", AUTH_SECRET)));
    }

    @Test
    void reproducesTheRfc8291ExampleByteForByte() {
        KeyPair applicationServer = new KeyPair(P256.decodePublic(b64(AS_PUBLIC)), P256.decodePrivate(b64(AS_PRIVATE)));

        byte[] body = WebPushEncryption.encrypt(b64(PLAINTEXT), rfcSubscription(), applicationServer, b64(SALT));

        assertThat(Base64.getUrlEncoder().withoutPadding().encodeToString(body)).isEqualTo(BODY);
    }

    @Test
    void onlyTheSubscribedUserAgentReadsAFreshMessage() throws Exception {
        byte[] message = "{\"challenge\":\"abc\"}".getBytes(StandardCharsets.UTF_8);

        byte[] first = WebPushEncryption.encrypt(message, rfcSubscription());
        byte[] second = WebPushEncryption.encrypt(message, rfcSubscription());

        assertThat(first).isNotEqualTo(second);
        assertThat(decrypt(first, P256.decodePrivate(b64(UA_PRIVATE)), b64(UA_PUBLIC), b64(AUTH_SECRET))).isEqualTo(message);
    }

    @Test
    void refusesAMessageLargerThanPushServicesMustAccept() {
        assertThatThrownBy(() -> WebPushEncryption.encrypt(new byte[WebPushEncryption.MAX_PLAINTEXT + 1], rfcSubscription()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(WebPushEncryption.encrypt(new byte[WebPushEncryption.MAX_PLAINTEXT], rfcSubscription())).hasSize(4096);
    }

    /** A user agent's side of RFC 8291, written from the RFC for this test only. */
    private static byte[] decrypt(byte[] body, java.security.PrivateKey uaPrivate, byte[] uaPublic, byte[] auth) throws Exception {
        byte[] salt = Arrays.copyOfRange(body, 0, 16);
        int idLength = body[20] & 0xff;
        byte[] asPublic = Arrays.copyOfRange(body, 21, 21 + idLength);
        KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
        agreement.init(uaPrivate);
        agreement.doPhase(P256.decodePublic(asPublic), true);
        byte[] keyInfo = new java.io.ByteArrayOutputStream() {{
            writeBytes("WebPush: info\0".getBytes(StandardCharsets.US_ASCII));
            writeBytes(uaPublic);
            writeBytes(asPublic);
        }}.toByteArray();
        byte[] ikm = Hkdf.derive(auth, agreement.generateSecret(), keyInfo, 32);
        byte[] key = Hkdf.derive(salt, ikm, "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), 16);
        byte[] nonce = Hkdf.derive(salt, ikm, "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), 12);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        byte[] padded = cipher.doFinal(Arrays.copyOfRange(body, 21 + idLength, body.length));
        assertThat(padded[padded.length - 1]).isEqualTo((byte) 2);
        return Arrays.copyOf(padded, padded.length - 1);
    }
}
