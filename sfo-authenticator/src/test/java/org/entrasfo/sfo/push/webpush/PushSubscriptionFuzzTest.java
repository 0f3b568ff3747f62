package org.entrasfo.sfo.push.webpush;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.entrasfo.factor.fuzz.FuzzExecutions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code push_subscription} a device sends in a signed request, parsed as its claims are (nimbus' JSON), then read
 * as a subscription: it is one the realm can write back and send to, or an {@link IllegalArgumentException} (the
 * realm answers {@code invalid_push_subscription}); nothing else, and the printed form never shows the auth secret.
 */
class PushSubscriptionFuzzTest {

    private static final FuzzExecutions RUN = new FuzzExecutions("push subscription (PushSubscription.fromJson)");
    private static final String P256DH = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";

    @MethodSource("seeds")
    @DictionaryEntries({"\"endpoint\"", "\"keys\"", "\"p256dh\"", "\"auth\"", "\"expirationTime\"", "https://", "http://",
            "fcm.googleapis.com", ".push.services.mozilla.com", ".push.apple.com", ":443", "@", "[::1]", "%2F", "=", "+", "/"})
    @FuzzTest
    void readsASubscriptionTheRealmCanUseOrRefusesIt(byte[] json) {
        RUN.ran();
        Map<String, Object> claim;
        try {
            claim = JSONObjectUtils.parse(new String(json, StandardCharsets.UTF_8));
        } catch (ParseException notAnObject) {
            return;
        }
        PushSubscription subscription;
        try {
            subscription = PushSubscription.fromJson(claim);
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        assertThat(PushSubscription.fromJson(subscription.toJson()).toJson()).isEqualTo(subscription.toJson());
        PushServiceAllowList.DEFAULT.allows(subscription.endpoint());
        String auth = Base64.getUrlEncoder().withoutPadding().encodeToString(subscription.authSecret());
        assertThat(subscription.toString()).doesNotContain(auth);
    }

    @AfterAll
    static void report() {
        RUN.report();
    }

    static Stream<byte[]> seeds() {
        String keys = "\"keys\":{\"p256dh\":\"" + P256DH + "\",\"auth\":\"BTBZMqHH6r4Tts7J_aSIgg\"}";
        return Stream.of(
                "{\"endpoint\":\"https://fcm.googleapis.com/fcm/send/abc:def\",\"expirationTime\":null," + keys + "}",
                "{\"endpoint\":\"https://updates.push.services.mozilla.com/wpush/v2/gAAAAA\"," + keys.replace("_aSIgg\"", "_aSIgg==\"") + "}",
                "{\"endpoint\":\"https://web.push.apple.com:443/QGuQyavXutnMH\",\"keys\":{\"p256dh\":\""
                        + P256DH.replace('-', '+').replace('_', '/') + "\",\"auth\":\"BTBZMqHH6r4Tts7J/aSIgg==\"}}",
                "{\"endpoint\":\"https://user:pw@fcm.googleapis.com/x\"," + keys + "}",
                "{\"endpoint\":\"https://[::1]:8443/push\"," + keys + "}",
                "{\"endpoint\":\"mailto:push@example.org\"," + keys + "}",
                "{\"endpoint\":\"https://fcm.googleapis.com/x\",\"keys\":{\"p256dh\":\"" + P256DH.substring(0, 40) + "\",\"auth\":\"x\"}}",
                "{\"endpoint\":\"https://fcm.googleapis.com/x\",\"keys\":[\"" + P256DH + "\"]}",
                "{\"endpoint\":42,\"keys\":{}}",
                "{}")
                .map(seed -> seed.getBytes(StandardCharsets.UTF_8));
    }
}
