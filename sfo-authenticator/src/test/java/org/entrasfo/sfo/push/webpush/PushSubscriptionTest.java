package org.entrasfo.sfo.push.webpush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class PushSubscriptionTest {

    private static final String P256DH = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";

    private static Map<String, Object> subscription(String p256dh, String auth) {
        return Map.of("endpoint", "https://fcm.googleapis.com/fcm/send/abc", "keys", Map.of("p256dh", p256dh, "auth", auth));
    }

    @Test
    void readsWhatBrowsersSendAndWritesItBack() {
        PushSubscription read = PushSubscription.fromJson(subscription(P256DH, "BTBZMqHH6r4Tts7J_aSIgg=="));
        assertThat(PushSubscription.fromJson(read.toJson())).usingRecursiveComparison().isEqualTo(read);
    }

    @Test
    void refusesKeysOfTheWrongSizeOrOffTheCurve() {
        assertThatThrownBy(() -> PushSubscription.fromJson(subscription(P256DH, "BTBZMqHH6r4T"))).hasMessageContaining("auth");
        assertThatThrownBy(() -> PushSubscription.fromJson(subscription(P256DH.substring(0, 40), "BTBZMqHH6r4Tts7J_aSIgg")))
                .hasMessageContaining("point");
        String offCurve = P256DH.substring(0, P256DH.length() - 2) + "AA";
        assertThatThrownBy(() -> PushSubscription.fromJson(subscription(offCurve, "BTBZMqHH6r4Tts7J_aSIgg")))
                .hasMessageContaining("P-256");
    }

    @Test
    void neverPrintsTheAuthSecretOrTheEndpointPath() {
        String printed = PushSubscription.fromJson(subscription(P256DH, "BTBZMqHH6r4Tts7J_aSIgg")).toString();
        assertThat(printed).doesNotContain("BTBZMq").doesNotContain("abc").contains("fcm.googleapis.com");
    }
}
