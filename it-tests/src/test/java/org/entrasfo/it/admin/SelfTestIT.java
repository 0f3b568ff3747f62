package org.entrasfo.it.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.entrasfo.entrasim.MicrosoftCloud;
import org.entrasfo.it.keycloak.KeycloakAdmin;
import org.entrasfo.it.keycloak.KeycloakProcess;
import org.entrasfo.it.keycloak.SelfSignedTls;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.TenantRealm;
import org.junit.jupiter.api.Test;

/** The self-test an admin runs: the realm's side through the admin API, Entra's side from the command line. */
class SelfTestIT {

    private final KeycloakProcess keycloak = KeycloakUnderTest.keycloak();
    private final KeycloakAdmin admin = keycloak.admin();

    private List<JsonNode> findings(String realm) {
        List<JsonNode> findings = new ArrayList<>();
        admin.get("/" + realm + "/entra-sfo/self-test").path("findings").forEach(findings::add);
        return findings;
    }

    private static JsonNode rule(List<JsonNode> findings, String rule) {
        return findings.stream().filter(f -> rule.equals(f.path("rule").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no rule " + rule + " in " + findings));
    }

    @Test
    void passesEveryRuleOfAProvisionedRealmAndFlagsTheTestAuthority() {
        List<JsonNode> findings = findings(TenantRealm.of(MicrosoftCloud.GLOBAL).name());

        assertThat(findings).noneSatisfy(f -> assertThat(f.path("status").asText()).isEqualTo("FAILED"));
        assertThat(rule(findings, "acr-loa-mapping").path("status").asText()).isEqualTo("PASSED");
        assertThat(rule(findings, "authority").path("status").asText()).isEqualTo("WARNING");
    }

    @Test
    void namesWhatIsBrokenAndHowToFixIt() {
        TenantRealm realm = TenantRealm.create("selftest-" + UUID.randomUUID().toString().substring(0, 6), MicrosoftCloud.GLOBAL, Map.of());
        JsonNode client = admin.get("/" + realm.name() + "/clients?clientId=" + realm.clientId()).path(0);
        String clientPath = "/" + realm.name() + "/clients/" + client.path("id").asText();
        client.path("protocolMappers").forEach(m -> admin.delete(clientPath + "/protocol-mappers/models/" + m.path("id").asText()));

        JsonNode mapper = rule(findings(realm.name()), "claims-mapper");

        assertThat(mapper.path("status").asText()).isEqualTo("FAILED");
        assertThat(mapper.path("fix").asText()).contains("Save the profile again");
    }

    @Test
    void reportsEverySideDoorAnAdminOpensAgainAsFailedUntilTheProfileIsSavedAgain() {
        String name = "selftest-doors-" + UUID.randomUUID().toString().substring(0, 6);
        TenantRealm realm = TenantRealm.create(name, MicrosoftCloud.GLOBAL, Map.of());
        ObjectNode settings = (ObjectNode) admin.get("/" + name);
        settings.put("registrationAllowed", true).put("resetPasswordAllowed", true).put("editUsernameAllowed", true)
                .put("browserFlow", "browser").put("directGrantFlow", "direct grant");
        assertThat(admin.put("/" + name, settings).status()).isEqualTo(204);
        JsonNode adminCli = admin.get("/" + name + "/clients?clientId=admin-cli").path(0);
        ((ObjectNode) adminCli).put("directAccessGrantsEnabled", true);
        admin.put("/" + name + "/clients/" + adminCli.path("id").asText(), adminCli);
        JsonNode totp = admin.get("/" + name + "/authentication/required-actions/CONFIGURE_TOTP");
        ((ObjectNode) totp).put("enabled", true);
        admin.put("/" + name + "/authentication/required-actions/CONFIGURE_TOTP", totp);
        ObjectNode profile = (ObjectNode) admin.get("/" + name + "/users/profile");
        profile.path("attributes").forEach(a -> {
            if ("entra_oid".equals(a.path("name").asText())) {
                ((ObjectNode) a.path("permissions")).putArray("edit").add("admin").add("user");
            }
        });
        admin.put("/" + name + "/users/profile", profile);

        List<JsonNode> opened = findings(name);

        for (String door : List.of("door-registration", "door-reset-password", "door-edit-username", "door-browser-flow",
                "door-direct-grant", "door-required-action", "door-user-profile")) {
            assertThat(opened).as(door).anySatisfy(f -> {
                assertThat(f.path("rule").asText()).isEqualTo(door);
                assertThat(f.path("status").asText()).isEqualTo("FAILED");
            });
        }
        Map<String, Object> again = new java.util.HashMap<>(Map.of("realm", name, "tenantId", realm.tenantId(), "appId", realm.appId(),
                "cloud", "GLOBAL", "authorityJwksUrl", KeycloakUnderTest.simulator().jwksUrl()));
        assertThat(admin.applyTenantRealm(again).status()).isEqualTo(200);
        assertThat(findings(name)).noneSatisfy(f -> assertThat(f.path("status").asText()).isEqualTo("FAILED"));
    }

    @Test
    void theCommandLineChecksWhatEntraFetchesAndTheRoundTrip() throws Exception {
        TenantRealm realm = TenantRealm.of(MicrosoftCloud.GLOBAL);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(),
                "-Djavax.net.ssl.trustStore=" + keycloak.trustStore(), "-Djavax.net.ssl.trustStorePassword=" + SelfSignedTls.TRUST_STORE_PASSWORD,
                "-cp", System.getProperty("providers.bundle"), "org.entrasfo.broker.selftest.SelfTestCommand",
                realm.discoveryUrl(), realm.clientId(), realm.redirectUri()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(output).contains("PASSED   issuer-exact", "PASSED   discovery-content-length", "PASSED   discovery-fields",
                "PASSED   jwks-x5c", "PASSED   round-trip", "WARNING  jwks-next-key");
        assertThat(output).doesNotContain("FAILED");
        assertThat(process.exitValue()).as(output).isZero();
    }
}
