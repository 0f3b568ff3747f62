package org.entrasfo.it.factors.otp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.support.EntraRoundTrip.answerOf;
import static org.entrasfo.it.support.EntraRoundTrip.newBrowser;
import static org.entrasfo.it.support.EntraRoundTrip.send;
import static org.entrasfo.it.support.EntraRoundTrip.submitCode;
import static org.entrasfo.it.support.EntraRoundTrip.validate;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.entrasfo.entrasim.AuthorizationRequest;
import org.entrasfo.entrasim.FormPost;
import org.entrasfo.entrasim.MicrosoftCloud;
import org.entrasfo.entrasim.OneTimePasswords;
import org.entrasfo.it.keycloak.KeycloakAdmin;
import org.entrasfo.it.secrets.RunSecrets;
import org.entrasfo.it.support.Browser;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.TenantRealm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sites that hand out key fobs import the vendor's seed file; the tokens then work as the users' OTP factor. */
class HardwareTokenImportIT {

    /** RFC 4226 appendix D / RFC 6030 figure 3: the seed "12345678901234567890". */
    private static final String RFC_SEED_BASE64 = "MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=";
    private static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    private static TenantRealm realm;
    private static KeycloakAdmin admin;

    @BeforeAll
    static void realm() {
        realm = TenantRealm.create("fobs-" + UUID.randomUUID().toString().substring(0, 6), MicrosoftCloud.GLOBAL, Map.of());
        admin = KeycloakUnderTest.keycloak().admin();
        RunSecrets.otpSeed(new String(RFC_SEED, StandardCharsets.US_ASCII));
        RunSecrets.add(RunSecrets.Kind.OTP_SEED, RFC_SEED_BASE64);
    }

    private static String pskc(String serial, String username, int digits) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <KeyContainer Version="1.0" xmlns="urn:ietf:params:xml:ns:keyprov:pskc">
                  <KeyPackage>
                    <DeviceInfo><Manufacturer>Manufacturer</Manufacturer><SerialNo>%s</SerialNo></DeviceInfo>
                    <CryptoModuleInfo><Id>CM_ID_001</Id></CryptoModuleInfo>
                    <Key Id="%s" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:hotp">
                      <Issuer>Issuer</Issuer>
                      <AlgorithmParameters><ResponseFormat Length="%d" Encoding="DECIMAL"/></AlgorithmParameters>
                      <Data>
                        <Secret><PlainValue>%s</PlainValue></Secret>
                        <Counter><PlainValue>0</PlainValue></Counter>
                      </Data>
                      <UserId>%s</UserId>
                    </Key>
                  </KeyPackage>
                </KeyContainer>
                """.formatted(serial, serial, digits, RFC_SEED_BASE64, username);
    }

    private static String importFile(String contentType, String content, int expectedStatus) {
        KeycloakAdmin.Answer answer = admin.postFile("/" + realm.name() + "/entra-sfo-hardware-tokens", contentType, content);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(expectedStatus);
        return answer.body().toString();
    }

    private static FormPost signInWith(TenantRealm realm, EntraUser user, AuthorizationRequest request, String code) {
        Browser browser = newBrowser();
        Browser.Page otpPage = send(browser, realm, request);
        return answerOf(submitCode(browser, otpPage, code));
    }

    @Test
    void importsAPskcKeyFobThatThenSignsInWithTheRfc4226Codes() {
        EntraUser user = realm.newUserWithout2ndFactor(Map.of());
        String serial = "98" + System.nanoTime() % 10_000_000;

        String answer = importFile("application/pskc+xml", pskc(serial, user.username(), 8), 200);

        assertThat(answer).contains(serial).contains(user.username()).doesNotContain(RFC_SEED_BASE64);
        assertThat(OneTimePasswords.hotp(RFC_SEED, 0, 8, "HmacSHA1")).isEqualTo("84755224");
        AuthorizationRequest request = realm.requestWith(realm.hintFor(user).sign());
        FormPost signedIn = signInWith(realm, user, request, "84755224");
        assertThat(validate(signedIn, realm, request, user.subject()).claims()).containsEntry("amr", List.of("otp"));
        assertThat(admin.adminEvents(realm.name()).toString()).contains(serial).doesNotContain(RFC_SEED_BASE64);
    }

    @Test
    void reportsHwkForHardwareTokensWhenTheAdminSaysSo() {
        TenantRealm hwk = TenantRealm.create("fobs-hwk-" + UUID.randomUUID().toString().substring(0, 6), MicrosoftCloud.GLOBAL, Map.of())
                .configure("sfo-otp", Map.of("hardwareTokenAmr", "hwk"));
        EntraUser user = hwk.newUserWithout2ndFactor(Map.of());
        KeycloakAdmin.Answer imported = admin.postFile("/" + hwk.name() + "/entra-sfo-hardware-tokens", "application/pskc+xml",
                pskc("77" + System.nanoTime() % 10_000_000, user.username(), 6));
        assertThat(imported.status()).isEqualTo(200);
        AuthorizationRequest request = hwk.requestWith(hwk.hintFor(user).sign());

        FormPost signedIn = signInWith(hwk, user, request, "755224");

        assertThat(validate(signedIn, hwk, request, user.subject()).claims()).containsEntry("amr", List.of("hwk"));
    }

    @Test
    void importsTimeBasedTokensFromCsv() {
        EntraUser user = realm.newUserWithout2ndFactor(Map.of());
        String serial = "TOTP-" + UUID.randomUUID().toString().substring(0, 6);
        String csv = "serial;username;type;secret;digits;period\n" + serial + ";" + user.username()
                + ";totp;base32:GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ;6;30\n";

        importFile("text/csv", csv, 200);

        AuthorizationRequest request = realm.requestWith(realm.hintFor(user).sign());
        String code = OneTimePasswords.hotp(RFC_SEED, Instant.now().getEpochSecond() / 30, 6, "HmacSHA1");
        assertThat(signInWith(realm, user, request, code).fields()).containsKey("id_token");
    }

    @Test
    void importsNothingWhenOneTokenNamesAnUnknownUser() {
        EntraUser user = realm.newUserWithout2ndFactor(Map.of());
        String csv = "serial,username,secret\nA-" + UUID.randomUUID() + "," + user.username() + ",3132333435363738393031323334353637383930\n"
                + "B-" + UUID.randomUUID() + ",nobody-" + UUID.randomUUID() + ",3132333435363738393031323334353637383930\n";

        String answer = importFile("text/csv", csv, 400);

        assertThat(answer).contains("no user 'nobody-");
        assertThat(realm.otpCredentialLabels(user)).isEmpty();
    }

    @Test
    void refusesAFileWithADoctypeAndReadsNoEntity() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<KeyContainer Version=\"1.0\" xmlns=\"urn:ietf:params:xml:ns:keyprov:pskc\">&e;</KeyContainer>";

        String answer = importFile("application/pskc+xml", xxe, 400);

        assertThat(answer).contains("\"field\":\"file\"").doesNotContain("root:");
    }

    @Test
    void leavesATokenThatIsAlreadyImportedAsItIs() {
        EntraUser user = realm.newUserWithout2ndFactor(Map.of());
        String file = pskc("55" + System.nanoTime() % 10_000_000, user.username(), 6);
        importFile("application/pskc+xml", file, 200);

        String again = importFile("application/pskc+xml", file, 200);

        assertThat(again).contains("\"imported\":[]");
        assertThat(realm.otpCredentialLabels(user)).hasSize(1);
    }
}
