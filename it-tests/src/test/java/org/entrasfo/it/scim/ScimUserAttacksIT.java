package org.entrasfo.it.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.scim.EntraProvisioningService.EXTENSION;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.entrasfo.it.keycloak.KeycloakAdmin;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.TenantRealm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the provisioning secret, or a forgery of its token, must not do to a tenant realm's users: learn or write
 * anything without a valid token, move an Entra binding in two steps, erase a clinician's factors by a delete,
 * re-enable a user an admin disabled, vouch for an address it did not write, issue help desk codes, or slip past the
 * confinement under another scheme or a second header.
 */
class ScimUserAttacksIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TenantRealm realm;
    private static JsonNode connection;
    private static EntraProvisioningService entra;
    private static KeycloakAdmin admin;

    @BeforeAll
    static void provisionedRealm() {
        admin = KeycloakUnderTest.keycloak().admin();
        realm = ScimRealms.smsRealm("scim-users");
        connection = ScimRealms.enableScim(realm);
        entra = EntraProvisioningService.connect(connection);
    }

    private static String provisionedUser() {
        String upn = "clinician-" + UUID.randomUUID().toString().substring(0, 6) + "@hospital.example";
        EntraProvisioningService.Answer created = entra.createUser(upn, UUID.randomUUID().toString(), upn, TenantRealm.newMobile());
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().path("id").asText();
    }

    private static String oidOf(String userId) {
        return ScimRealms.user(realm, userId).path("attributes").path("entra_oid").path(0).asText();
    }

    private static List<JsonNode> refusalsOn(String userId) {
        return admin.events(realm.name(), "UPDATE_PROFILE_ERROR").stream().filter(e -> userId.equals(e.path("userId").asText())).toList();
    }

    private static HttpResponse<String> call(String method, String url, List<String> authorization, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        authorization.forEach(value -> request.header("Authorization", value));
        if (body != null) {
            request.header("Content-Type", "application/scim+json");
        }
        return KeycloakUnderTest.keycloak().httpClientBuilder().build().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A token that claims everything the provisioning client's does, signed by nobody the realm knows. */
    private static String forgedProvisioningToken() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = System.currentTimeMillis() / 1000;
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"forged\"}";
        String payload = "{\"iss\":\"" + KeycloakUnderTest.keycloak().realmUrl(realm.name()) + "\",\"azp\":\"entra-scim\","
                + "\"aud\":\"" + connection.path("audience").asText() + "\",\"typ\":\"Bearer\",\"exp\":" + (now + 300)
                + ",\"iat\":" + now + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
        return b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + b64.encodeToString("not a signature".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aForgedProvisioningTokenProbesNothingAndWritesNoEvent() throws Exception {
        String operator = provisionedUser();
        String role = "ward-helpdesk-" + UUID.randomUUID().toString().substring(0, 6);
        admin.post("/" + realm.name() + "/roles", Map.of("name", role));
        admin.post("/" + realm.name() + "/users/" + operator + "/role-mappings/realm", List.of(admin.get("/" + realm.name() + "/roles/" + role)));
        String plain = provisionedUser();
        List<String> forged = List.of("Bearer " + forgedProvisioningToken());
        String users = connection.path("scimBaseUrl").asText() + "/Users/";
        Map<String, Object> moveNumber = Map.of("schemas", List.of(EntraProvisioningService.PATCH_OP), "Operations",
                List.of(Map.of("op", "Replace", "path", EXTENSION + ":mobile", "value", "+12025550123")));

        HttpResponse<String> roleProbe = call("PATCH", users + operator, forged, moveNumber);
        HttpResponse<String> allowListProbe = call("PATCH", users + plain, forged, moveNumber);

        assertThat(List.of(roleProbe, allowListProbe)).allSatisfy(answer -> {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
            assertThat(answer.body()).doesNotContain("holds roles").doesNotContain("SMS factor");
        });
        assertThat(refusalsOn(operator)).as("no event written on behalf of a forged token").isEmpty();
        assertThat(refusalsOn(plain)).isEmpty();
    }

    @Test
    void refusesToClearOrChangeABoundEntraObjectIdSoItCannotMoveInTwoSteps() {
        String victim = provisionedUser();
        String victimOid = oidOf(victim);
        String attacker = provisionedUser();
        String attackerOid = oidOf(attacker);

        List<EntraProvisioningService.Answer> answers = List.of(
                entra.patch("Users", victim, "Remove", "externalId", null),
                entra.patch("Users", victim, "Remove", "externalId", victimOid),
                entra.patch("Users", victim, "Replace", "externalId", ""),
                entra.patch("Users", victim, "Replace", "externalId", UUID.randomUUID().toString()),
                entra.patch("Users", victim, "Add", null, Map.of("externalId", UUID.randomUUID().toString())));
        EntraProvisioningService.Answer secondStep = entra.patch("Users", attacker, "Replace", "externalId", victimOid);

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.body().toString()).isIn(400, 409);
            assertThat(answer.body().path("schemas").path(0).asText()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        });
        assertThat(secondStep.status()).as(secondStep.body().toString()).isEqualTo(409);
        assertThat(oidOf(victim)).isEqualTo(victimOid);
        assertThat(oidOf(attacker)).isEqualTo(attackerOid);
        assertThat(refusalsOn(victim)).hasSize(5).allSatisfy(event -> assertThat(event.toString()).doesNotContain(victimOid));
        assertThat(entra.patch("Users", victim, "Replace", "externalId", victimOid).status()).as("the same object ID again").isEqualTo(200);
    }

    @Test
    void aScimDeleteDisablesTheClinicianAndKeepsTheirFactorsAndNoSecondAccountComesBack() {
        EntraUser clinician = realm.newUser();
        String id = realm.userId(clinician);
        List<String> credentials = realm.otpCredentialLabels(clinician);
        assertThat(credentials).isNotEmpty();

        EntraProvisioningService.Answer deleted = entra.delete("Users", id);

        assertThat(deleted.status()).as(deleted.body().toString()).isEqualTo(204);
        JsonNode after = ScimRealms.user(realm, id);
        assertThat(after.path("enabled").asBoolean()).isFalse();
        assertThat(realm.otpCredentialLabels(clinician)).isEqualTo(credentials);
        EntraProvisioningService.Answer read = entra.get("/Users/" + id);
        assertThat(read.status()).as(read.body().toString()).isEqualTo(200);
        assertThat(read.body().path("active").asBoolean(true)).isFalse();
        EntraProvisioningService.Answer found = entra.findUser(clinician.username());
        assertThat(found.body().path("totalResults").asInt()).as(found.body().toString()).isEqualTo(1);

        EntraProvisioningService.Answer again = entra.createUser(clinician.username(), clinician.objectId(),
                clinician.username(), TenantRealm.newMobile());
        assertThat(again.status()).as("Entra's create of the same user: " + again.body()).isEqualTo(409);
        assertThat(admin.get("/" + realm.name() + "/users?exact=true&username=" + clinician.username())).hasSize(1);
        assertThat(admin.get("/" + realm.name() + "/users?q=entra_oid:" + clinician.objectId())).hasSize(1);

        EntraProvisioningService.Answer back = entra.patch("Users", id, "Replace", "active", "True");
        assertThat(back.status()).as(back.body().toString()).isEqualTo(200);
        assertThat(ScimRealms.user(realm, id).path("enabled").asBoolean()).isTrue();
        assertThat(realm.otpCredentialLabels(clinician)).isEqualTo(credentials);
    }

    @Test
    void activeTrueLeavesAUserAnAdminDisabledDisabled() {
        String disabledByEntra = provisionedUser();
        String disabledByAdmin = provisionedUser();
        assertThat(entra.patch("Users", disabledByEntra, "Replace", "active", "False").status()).isEqualTo(200);
        assertThat(entra.patch("Users", disabledByAdmin, "Replace", "active", "False").status()).isEqualTo(200);
        // The admin acts after Entra: from now on the user is the admin's decision.
        JsonNode rep = ScimRealms.user(realm, disabledByAdmin);
        assertThat(admin.put("/" + realm.name() + "/users/" + disabledByAdmin, Map.of("username", rep.path("username").asText(),
                "email", rep.path("email").asText(), "enabled", false)).status()).isEqualTo(204);
        String lockedByAdmin = provisionedUser();
        JsonNode locked = ScimRealms.user(realm, lockedByAdmin);
        assertThat(admin.put("/" + realm.name() + "/users/" + lockedByAdmin, Map.of("username", locked.path("username").asText(),
                "email", locked.path("email").asText(), "enabled", false)).status()).isEqualTo(204);

        EntraProvisioningService.Answer reAdmin = entra.patch("Users", disabledByAdmin, "Replace", "active", "True");
        EntraProvisioningService.Answer reLocked = entra.patch("Users", lockedByAdmin, "Replace", "active", true);
        EntraProvisioningService.Answer reEntra = entra.patch("Users", disabledByEntra, "Replace", "active", "True");

        assertThat(List.of(reAdmin, reLocked)).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.body().toString()).isEqualTo(400);
            assertThat(answer.body().path("detail").asText()).contains("only an admin");
        });
        assertThat(ScimRealms.user(realm, disabledByAdmin).path("enabled").asBoolean()).isFalse();
        assertThat(ScimRealms.user(realm, lockedByAdmin).path("enabled").asBoolean()).isFalse();
        assertThat(refusalsOn(lockedByAdmin)).hasSize(1);
        assertThat(reEntra.status()).as("what Entra disabled, Entra enables: " + reEntra.body()).isEqualTo(200);
        assertThat(ScimRealms.user(realm, disabledByEntra).path("enabled").asBoolean()).isTrue();
    }

    @Test
    void anAddressSomeoneElseSetIsNotMarkedVerifiedByAScimWrite() {
        String user = provisionedUser();
        JsonNode rep = ScimRealms.user(realm, user);
        assertThat(rep.path("emailVerified").asBoolean()).as("the address Entra wrote").isTrue();
        String planted = "planted-" + UUID.randomUUID().toString().substring(0, 6) + "@attacker.example";
        Map<String, Object> change = new HashMap<>(Map.of("username", rep.path("username").asText(), "email", planted,
                "emailVerified", false, "enabled", true));
        assertThat(admin.put("/" + realm.name() + "/users/" + user, change).status()).isEqualTo(204);

        assertThat(entra.patch("Users", user, "Replace", "name.givenName", "Renamed").status()).isEqualTo(200);

        JsonNode after = ScimRealms.user(realm, user);
        assertThat(after.path("email").asText()).isEqualTo(planted);
        assertThat(after.path("emailVerified").asBoolean()).as("SCIM did not write this address").isFalse();
        String entrasAddress = "entra-" + UUID.randomUUID().toString().substring(0, 6) + "@hospital.example";
        assertThat(entra.patch("Users", user, "Replace", "emails[type eq \"work\"].value", entrasAddress).status()).isEqualTo(200);
        JsonNode written = ScimRealms.user(realm, user);
        assertThat(written.path("email").asText()).isEqualTo(entrasAddress);
        assertThat(written.path("emailVerified").asBoolean()).as("the address Entra wrote").isTrue();
    }

    @Test
    void theProvisioningTokenUnderDpopOrBeforeASecondHeaderOpensNoDoorOfTheAdminApi() throws Exception {
        String token = EntraProvisioningService.tokenFor(connection).body().path("access_token").asText();
        String adminUsers = KeycloakUnderTest.keycloak().baseUrl() + "/admin/realms/" + realm.name() + "/users";

        HttpResponse<String> dpop = call("GET", adminUsers, List.of("DPoP " + token), null);
        HttpResponse<String> twoHeaders = call("GET", adminUsers, List.of("Bearer " + token, "Bearer " + forgedProvisioningToken()), null);
        HttpResponse<String> joined = call("GET", adminUsers, List.of("Bearer " + token + ", Bearer " + token), null);

        // Whoever refuses first (Keycloak's own header reading or the confinement), the token must open nothing.
        assertThat(List.of(dpop, twoHeaders, joined)).allSatisfy(answer -> {
            assertThat(answer.statusCode()).as(answer.body()).isIn(400, 401, 403);
            assertThat(answer.body()).doesNotContain("\"username\"");
        });
    }

    @Test
    void aServiceAccountWithManageUsersIssuesNoHelpdeskCode() throws Exception {
        EntraUser helped = realm.newUser();
        String clientId = "integration-" + UUID.randomUUID().toString().substring(0, 6);
        KeycloakAdmin.Answer client = admin.post("/" + realm.name() + "/clients", Map.of("clientId", clientId, "secret", "integration-secret-1",
                "publicClient", false, "serviceAccountsEnabled", true, "standardFlowEnabled", false));
        String clientUuid = client.location().substring(client.location().lastIndexOf('/') + 1);
        String serviceAccount = admin.get("/" + realm.name() + "/clients/" + clientUuid + "/service-account-user").path("id").asText();
        String realmManagement = admin.get("/" + realm.name() + "/clients?clientId=realm-management").path(0).path("id").asText();
        JsonNode manageUsers = admin.get("/" + realm.name() + "/clients/" + realmManagement + "/roles/manage-users");
        admin.post("/" + realm.name() + "/users/" + serviceAccount + "/role-mappings/clients/" + realmManagement, List.of(manageUsers));
        String integrationToken = EntraProvisioningService.tokenFor(JSON.valueToTree(Map.of("clientId", clientId,
                "clientSecret", "integration-secret-1", "tokenUrl", connection.path("tokenUrl").asText()))).body().path("access_token").asText();
        String scimToken = EntraProvisioningService.tokenFor(connection).body().path("access_token").asText();
        String codes = KeycloakUnderTest.keycloak().baseUrl() + "/admin/realms/" + realm.name() + "/entra-sfo-helpdesk/codes";

        HttpResponse<String> byIntegration = callJson(codes, integrationToken, Map.of("username", helped.username()));
        HttpResponse<String> byScim = callJson(codes, scimToken, Map.of("username", helped.username()));

        assertThat(List.of(byIntegration, byScim)).allSatisfy(answer -> {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(403);
            assertThat(answer.body()).doesNotContain("\"code\"");
        });
        assertThat(byIntegration.body()).contains("Service accounts");
    }

    private static HttpResponse<String> callJson(String url, String bearer, Object body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        return KeycloakUnderTest.keycloak().httpClientBuilder().build().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
