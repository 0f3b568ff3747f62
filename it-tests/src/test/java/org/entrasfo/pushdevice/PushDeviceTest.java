package org.entrasfo.pushdevice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the reference device sends, checked without a realm; the realm's side is in the integration tests. */
class PushDeviceTest {

    @Test
    void readsTheEnrolmentTokenFromTheQrCodesLink() {
        String link = "https://mfa.example.org/realms/contoso/sfo-push/app/#enrol=aaa.bbb.ccc";

        assertThat(PushDevice.tokenOf(link)).isEqualTo("aaa.bbb.ccc");
        assertThat(PushDevice.realmUrlOf(link, "aaa.bbb.ccc")).isEqualTo("https://mfa.example.org/realms/contoso");
    }

    @Test
    void signsEveryRequestWithItsKeyAndAFreshJti(@TempDir Path dir) throws Exception {
        PushDevice device = PushDevice.generate("phone", HttpClient.newHttpClient());
        Path state = dir.resolve("device.json");
        device.save(state);
        ECKey publicKey = ECKey.parse(Files.readString(state).replaceAll("(?s).*\"key\"\\s*:\\s*(\\{[^}]*}).*", "$1")).toPublicJWK();

        SignedJWT first = SignedJWT.parse(device.request("approve").claim("challenge", "c1").claim("number", 42).sign());
        SignedJWT second = SignedJWT.parse(device.request("approve").claim("challenge", "c1").claim("number", 42).sign());

        assertThat(first.verify(new ECDSAVerifier(publicKey))).isTrue();
        assertThat(first.getHeader().getType().getType()).isEqualTo("sfo-push+jwt");
        assertThat(first.getJWTClaimsSet().getLongClaim("number")).isEqualTo(42);
        assertThat(first.getJWTClaimsSet().getExpirationTime().getTime() - first.getJWTClaimsSet().getIssueTime().getTime())
                .isLessThanOrEqualTo(120_000);
        assertThat(first.getJWTClaimsSet().getJWTID()).isNotEqualTo(second.getJWTClaimsSet().getJWTID());
        assertThat(PushDevice.load(state, HttpClient.newHttpClient()).fingerprint()).isEqualTo(device.fingerprint());
        assertThat(Files.getPosixFilePermissions(state)).hasSize(2);
    }

    @Test
    void theCommandLineExplainsItselfAndRefusesIncompleteCommands() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PushDeviceCli cli = new PushDeviceCli(new PrintStream(out, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]));

        assertThat(cli.run(new String[] {"--help"})).isEqualTo(PushDeviceCli.OK);
        assertThat(cli.run(new String[] {})).isEqualTo(PushDeviceCli.USAGE);
        assertThat(cli.run(new String[] {"approve", "--challenge", "c1"})).isEqualTo(PushDeviceCli.USAGE);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("usage: PushDeviceCli").contains("--state FILE is required");
    }
}
