package org.entrasfo.it.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class LeakScannerTest {

    private static final String HINT_SIGNATURE = "Qm9ndXNTaWduYXR1cmVPZkFIaW50VGhhdE5vYm9keVNpZ25lZA";

    private final LeakScanner scanner = new LeakScanner(List.of(
            new RunSecrets.Secret(RunSecrets.Kind.HINT, HINT_SIGNATURE),
            new RunSecrets.Secret(RunSecrets.Kind.CODE, "482913"),
            new RunSecrets.Secret(RunSecrets.Kind.CODE, "12345678"),
            new RunSecrets.Secret(RunSecrets.Kind.PUSH_ENROLMENT, "ABCDEFGHJK"),
            new RunSecrets.Secret(RunSecrets.Kind.OTP_SEED, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")));

    @Test
    void findsATextSecretAnywhereInALineAndSaysWhereWithoutShowingIt() {
        List<LeakScanner.Leak> leaks = scanner.scan("keycloak.log", "line one\nDEBUG hint=eyJ.eyJ." + HINT_SIGNATURE + "xyz rest\n");

        assertThat(leaks).singleElement().satisfies(leak -> {
            assertThat(leak.source()).isEqualTo("keycloak.log");
            assertThat(leak.line()).isEqualTo(2);
            assertThat(leak.kind()).isEqualTo(RunSecrets.Kind.HINT);
            assertThat(leak.toString()).doesNotContain(HINT_SIGNATURE.substring(4));
        });
    }

    @Test
    void findsASeedWrittenInLowerCase() {
        assertThat(scanner.scan("events", "{\"secret\":\"gezdgnbvgy3tqojqgezdgnbvgy3tqojq\"}")).hasSize(1);
    }

    @Test
    void matchesCodesOnlyAsWholeNumbers() {
        assertThat(scanner.scan("log", "time 1764512482913 port 4829130 id 3f482913-0c1d")).as("inside longer numbers and ids").isEmpty();
        assertThat(scanner.scan("log", "code=482913;")).hasSize(1);
        assertThat(scanner.scan("log", "your code is 1234 5678.")).as("grouped as the help desk shows it").hasSize(1);
    }

    @Test
    void findsShortTextSecretsToo() {
        assertThat(scanner.scan("log", "enrolment with abcdefghjk refused")).hasSize(1);
    }

    @Test
    void reportsEachSecretOncePerSource() {
        assertThat(scanner.scan("log", HINT_SIGNATURE + "\n" + HINT_SIGNATURE + "\n")).hasSize(1);
    }

    @Test
    void theRegistryKeepsSeedsInEveryFormAnAppOrFileWritesThem() {
        RunSecrets.otpSeed("12345678901234567890");

        assertThat(RunSecrets.all()).extracting(RunSecrets.Secret::value)
                .contains("12345678901234567890", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "3132333435363738393031323334353637383930");
    }

    @Test
    void theRegistryIgnoresValuesTooShortToMatchOnlyByDesign() {
        RunSecrets.add(RunSecrets.Kind.CODE, "12345");
        RunSecrets.add(RunSecrets.Kind.HINT, "short");

        assertThat(RunSecrets.all()).extracting(RunSecrets.Secret::value).doesNotContain("12345", "short");
    }
}
