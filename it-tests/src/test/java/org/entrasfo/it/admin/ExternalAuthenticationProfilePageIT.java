package org.entrasfo.it.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.support.EntraRoundTrip.newBrowser;
import static org.entrasfo.it.support.EntraRoundTrip.signIn;
import static org.entrasfo.it.support.EntraRoundTrip.validate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.entrasfo.entrasim.AuthorizationRequest;
import org.entrasfo.entrasim.FormPost;
import org.entrasfo.entrasim.MicrosoftCloud;
import org.entrasfo.it.keycloak.KeycloakAdmin;
import org.entrasfo.it.keycloak.KeycloakProcess;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.TenantRealm;
import org.junit.jupiter.api.Test;

/**
 * The "Microsoft External Authentication" admin console page, through the same admin API the console calls: a
 * profile added to an admin-made realm sets the realm up for Entra and tells what to paste into Entra.
 */
class ExternalAuthenticationProfilePageIT {

    private static final String PAGE = "Microsoft External Authentication";

    private final KeycloakProcess keycloak = KeycloakUnderTest.keycloak();
    private final KeycloakAdmin admin = keycloak.admin();

    private String realmMadeByAnAdmin() {
        String realm = "console-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(admin.post("", Map.of("realm", realm, "enabled", true)).status()).isEqualTo(201);
        return realm;
    }

    private KeycloakAdmin.Answer addProfile(String realm, Map<String, String> fields) {
        Map<String, List<String>> config = new HashMap<>();
        fields.forEach((k, v) -> config.put(k, List.of(v)));
        return admin.post("/" + realm + "/components", Map.of("name", "Contoso Health (Entra)", "providerId", PAGE,
                "providerType", "org.keycloak.services.ui.extend.UiPageProvider",
                "parentId", admin.get("/" + realm).path("id").asText(), "config", config));
    }

    @Test
    void theConsoleOffersThePageWithEveryField() {
        JsonNode page = admin.serverInfo().path("componentTypes").path("org.keycloak.services.ui.extend.UiPageProvider");
        JsonNode ours = null;
        for (JsonNode type : page) {
            if (PAGE.equals(type.path("id").asText())) {
                ours = type;
            }
        }
        assertThat(ours).as("page type in %s", page).isNotNull();
        List<String> fields = new java.util.ArrayList<>();
        ours.path("properties").forEach(p -> fields.add(p.path("name").asText()));
        assertThat(fields).contains("displayName", "tenantId", "cloud", "redirectUri", "appId", "workflow",
                "entraClientId", "entraDiscoveryUrl");
    }

    @Test
    void savingAProfileSetsTheRealmUpAndShowsWhatToPasteIntoEntra() throws Exception {
        String realm = realmMadeByAnAdmin();
        String tenantId = UUID.randomUUID().toString();
        String appId = UUID.randomUUID().toString();

        KeycloakAdmin.Answer saved = addProfile(realm, Map.of("displayName", "Contoso Health", "tenantId", tenantId,
                "cloud", "GLOBAL", "redirectUri", "https://login.microsoftonline.com/common/federation/externalauthprovider",
                "appId", appId));

        assertThat(saved.status()).as(saved.body().toString()).isEqualTo(201);
        JsonNode profile = admin.get("/" + realm + "/components/" + saved.location().substring(saved.location().lastIndexOf('/') + 1));
        assertThat(profile.path("config").path("entraClientId").path(0).asText()).isEqualTo(appId);
        assertThat(profile.path("config").path("entraDiscoveryUrl").path(0).asText()).isEqualTo(keycloak.discoveryUrl(realm));
        assertThat(profile.path("config").path("selfTest").path(0).asText()).contains("0 failed").doesNotContain("FAILED");
        JsonNode client = admin.get("/" + realm + "/clients?clientId=" + appId).path(0);
        assertThat(client.path("implicitFlowEnabled").asBoolean()).isTrue();
        assertThat(client.path("name").asText()).isEqualTo("Contoso Health");
        assertThat(admin.get("/" + realm).path("eventsEnabled").asBoolean()).isTrue();

        // A test-only authority, as for a private cloud: the simulator's keys instead of Microsoft's.
        for (JsonNode execution : admin.get("/" + realm + "/authentication/flows/entra-second-factor-only/executions")) {
            if ("entra-hint-broker".equals(execution.path("providerId").asText())) {
                String configId = execution.path("authenticationConfig").asText();
                ObjectNode config = (ObjectNode) admin.get("/" + realm + "/authentication/config/" + configId);
                ((ObjectNode) config.path("config")).put("authorityJwksUrl", KeycloakUnderTest.simulator().jwksUrl());
                assertThat(admin.put("/" + realm + "/authentication/config/" + configId, config).status()).isEqualTo(204);
            }
        }
        JsonNode description = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        TenantRealm tenant = new TenantRealm(keycloak, realm, MicrosoftCloud.GLOBAL, tenantId, appId, appId, description);
        EntraUser user = tenant.newUser();
        AuthorizationRequest request = tenant.requestWith(tenant.hintFor(user).sign());

        FormPost answer = signIn(newBrowser(), tenant, user, request);

        assertThat(validate(answer, tenant, request, user.subject()).violations()).isEmpty();
    }

    @Test
    void refusesAProfileWithWrongFieldsAndSaysWhich() {
        String realm = realmMadeByAnAdmin();

        KeycloakAdmin.Answer refused = addProfile(realm, Map.of("tenantId", "not-a-guid", "cloud", "GLOBAL",
                "redirectUri", "https://login.microsoftonline.us/common/federation/externalauthprovider",
                "appId", UUID.randomUUID().toString()));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().toString()).contains("tenantId").contains("redirectUri");
        assertThat(admin.get("/" + realm + "/components?type=org.keycloak.services.ui.extend.UiPageProvider")).isEmpty();
    }
}
