package org.entrasfo.sfo.push.webpush;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

class PushServiceAllowListTest {

    private static boolean allowed(PushServiceAllowList list, String endpoint) {
        return list.allows(URI.create(endpoint));
    }

    @Test
    void allowsTheBrowsersPushServicesByDefault() {
        PushServiceAllowList defaults = PushServiceAllowList.DEFAULT;
        assertThat(allowed(defaults, "https://fcm.googleapis.com/fcm/send/x")).isTrue();
        assertThat(allowed(defaults, "https://updates.push.services.mozilla.com/wpush/v2/x")).isTrue();
        assertThat(allowed(defaults, "https://web.push.apple.com/x")).isTrue();
        assertThat(allowed(defaults, "https://wns2-par02p.notify.windows.com/w/?token=x")).isTrue();
    }

    @Test
    void refusesEverythingElse() {
        PushServiceAllowList defaults = PushServiceAllowList.DEFAULT;
        assertThat(allowed(defaults, "http://fcm.googleapis.com/fcm/send/x")).as("plain http").isFalse();
        assertThat(allowed(defaults, "https://push.apple.com/x")).as("the wildcard's bare parent").isFalse();
        assertThat(allowed(defaults, "https://evil.example/push.apple.com")).isFalse();
        assertThat(allowed(defaults, "https://fcm.googleapis.com.evil.example/x")).isFalse();
        assertThat(allowed(defaults, "https://fcm.googleapis.com:8443/x")).as("another port").isFalse();
        assertThat(allowed(defaults, "https://user@fcm.googleapis.com/x")).as("user info").isFalse();
        assertThat(allowed(defaults, "https://169.254.169.254/latest")).isFalse();
    }

    @Test
    void anAdminMayAddAnInternalPushService() {
        PushServiceAllowList list = PushServiceAllowList.parse("https://ntfy.hospital.example, http://127.0.0.1:8089");
        assertThat(allowed(list, "https://ntfy.hospital.example/up/abc")).isTrue();
        assertThat(allowed(list, "https://ntfy.hospital.example:443/up/abc")).isTrue();
        assertThat(allowed(list, "http://127.0.0.1:8089/push/1")).isTrue();
        assertThat(allowed(list, "http://127.0.0.1:8090/push/1")).isFalse();
    }
}
