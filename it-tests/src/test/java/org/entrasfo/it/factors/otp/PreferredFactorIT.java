package org.entrasfo.it.factors.otp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.support.EntraRoundTrip.answerOf;
import static org.entrasfo.it.support.EntraRoundTrip.newBrowser;
import static org.entrasfo.it.support.EntraRoundTrip.send;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.entrasfo.entrasim.AuthorizationRequest;
import org.entrasfo.entrasim.MicrosoftCloud;
import org.entrasfo.entrasim.OneTimePasswords;
import org.entrasfo.it.keycloak.KeycloakAdmin;
import org.entrasfo.it.secrets.RunSecrets;
import org.entrasfo.it.support.Browser;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.OurPages;
import org.entrasfo.it.support.TenantRealm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The factor a user passed last comes first next time (Keycloak's credential priority, which the admin sees on the
 * user's Credentials tab); a wrong code changes nothing, and the order is all that changes.
 */
class PreferredFactorIT {

    private static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static TenantRealm realm;
    private static KeycloakAdmin admin;

    @BeforeAll
    static void realm() {
        realm = TenantRealm.create("preferred-" + UUID.randomUUID().toString().substring(0, 6), MicrosoftCloud.GLOBAL, Map.of());
        admin = KeycloakUnderTest.keycloak().admin();
        RunSecrets.otpSeed(new String(RFC_SEED, StandardCharsets.US_ASCII));
    }

    /** A user with an authenticator app (first) and a key fob (second), as Keycloak orders their credentials. */
    private static EntraUser userWithAppAndFob() {
        EntraUser user = realm.newUser(false);
        String csv = "serial;username;type;secret;digits;period\nFOB-" + UUID.randomUUID().toString().substring(0, 6) + ";"
                + user.username() + ";totp;base32:GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ;6;30\n";
        assertThat(admin.postFile("/" + realm.name() + "/entra-sfo-hardware-tokens", "text/csv", csv).status()).isEqualTo(200);
        return user;
    }

    private static List<String> credentialOrder(EntraUser user) {
        List<String> ids = new ArrayList<>();
        admin.get("/" + realm.name() + "/users/" + realm.userId(user) + "/credentials").forEach(c -> ids.add(c.path("id").asText()));
        return ids;
    }

    private static String fobCode() {
        return OneTimePasswords.hotp(RFC_SEED, Instant.now().getEpochSecond() / 30, 6, "HmacSHA1");
    }

    @Test
    void theTokenPassedLastIsFirstNextTime() {
        EntraUser user = userWithAppAndFob();
        List<String> before = credentialOrder(user);
        assertThat(before).hasSize(2);
        String fob = before.get(1);
        AuthorizationRequest request = realm.requestWith(realm.hintFor(user).sign());
        Browser browser = newBrowser();
        Browser.Page otp = send(browser, realm, request);

        Browser.Page passed = browser.submit(otp, OurPages.OTP_FORM, Map.of("selectedCredentialId", fob, "otp", fobCode()));

        assertThat(answerOf(passed).fields()).containsKey("id_token");
        assertThat(credentialOrder(user)).containsExactly(fob, before.get(0));
        Browser.Page next = send(newBrowser(), realm, realm.requestWith(realm.hintFor(user).sign()));
        assertThat(next.document().select("input[name=selectedCredentialId][checked]").attr("value"))
                .as("the token passed last is chosen on the next page").isEqualTo(fob);
    }

    @Test
    void aWrongCodeChangesNoOrder() {
        EntraUser user = userWithAppAndFob();
        List<String> before = credentialOrder(user);
        Browser browser = newBrowser();
        Browser.Page otp = send(browser, realm, realm.requestWith(realm.hintFor(user).sign()));

        browser.submit(otp, OurPages.OTP_FORM, Map.of("selectedCredentialId", before.get(1), "otp",
                OneTimePasswords.hotp(RFC_SEED, Instant.now().getEpochSecond() / 30 + 1000, 6, "HmacSHA1")));

        assertThat(credentialOrder(user)).isEqualTo(before);
    }
}
