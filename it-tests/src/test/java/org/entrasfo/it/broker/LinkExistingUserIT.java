package org.entrasfo.it.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.support.EntraAssertions.assertErrorPostedToEntra;
import static org.entrasfo.it.support.EntraRoundTrip.newBrowser;
import static org.entrasfo.it.support.EntraRoundTrip.send;
import static org.entrasfo.it.support.EntraRoundTrip.signIn;
import static org.entrasfo.it.support.EntraRoundTrip.validate;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.entrasfo.entrasim.AuthorizationRequest;
import org.entrasfo.entrasim.FormPost;
import org.entrasfo.entrasim.MicrosoftCloud;
import org.entrasfo.it.keycloak.KeycloakAdmin;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.TenantRealm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code link-existing} binds an Entra identity to a local user only through what an admin controls: the username
 * while users cannot edit it, a verified email, or an admin-only attribute. A local user who types the victim's UPN
 * into their own profile must not become the victim's Entra identity; each new binding is an admin event.
 */
class LinkExistingUserIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KeycloakAdmin ADMIN = KeycloakUnderTest.keycloak().admin();

    private static TenantRealm realm;

    @BeforeAll
    static void realmThatLinksExistingUsers() {
        realm = TenantRealm.create("link-rules-" + suffix(), MicrosoftCloud.GLOBAL, Map.of("unknownUser", "link-existing"));
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 6);
    }

    /** A local user, not bound to Entra, with an OTP token the test knows, an email (verified or not) and attributes. */
    static EntraUser localUser(TenantRealm realm, String username, String email, boolean emailVerified, Map<String, String> attributes) {
        String secret = UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        ObjectNode user = JSON.createObjectNode().put("username", username).put("enabled", true).put("email", email)
                .put("emailVerified", emailVerified).put("firstName", "Local").put("lastName", "User");
        ObjectNode attrs = user.putObject("attributes");
        attributes.forEach((name, value) -> attrs.putArray(name).add(value));
        user.putArray("credentials").addObject().put("type", "otp").put("userLabel", "Key fob")
                .put("secretData", "{\"value\":\"" + secret + "\"}")
                .put("credentialData", "{\"subType\":\"hotp\",\"digits\":6,\"counter\":0,\"period\":30,\"algorithm\":\"HmacSHA1\"}");
        ObjectNode partialImport = JSON.createObjectNode().put("ifResourceExists", "FAIL");
        partialImport.putArray("users").add(user);
        KeycloakAdmin.Answer answer = ADMIN.post("/" + realm.name() + "/partialImport", partialImport);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        return new EntraUser(username, UUID.randomUUID().toString(), "sub-" + UUID.randomUUID(), secret, true, new AtomicLong());
    }

    /** The Entra request of the identity {@code entra} (its oid) whose preferred_username is {@code upn}. */
    static AuthorizationRequest requestOf(TenantRealm realm, EntraUser entra, String upn) {
        return realm.requestWith(KeycloakUnderTest.simulator().hint().tenant(MicrosoftCloud.GLOBAL, realm.tenantId())
                .audience(realm.appId()).user(entra.objectId(), entra.subject(), upn, "Entra User").sign());
    }

    static JsonNode userNamed(TenantRealm realm, String username) {
        return ADMIN.get("/" + realm.name() + "/users?exact=true&briefRepresentation=false&username=" + username).path(0);
    }

    static boolean isUnbound(TenantRealm realm, String username) {
        return userNamed(realm, username).path("attributes").path("entra_oid").isMissingNode();
    }

    /** The admin event of the binding of this user, as the admin events API lists it. */
    static Optional<JsonNode> bindingEventOf(TenantRealm realm, String username) {
        String id = userNamed(realm, username).path("id").asText();
        return ADMIN.adminEvents(realm.name()).stream()
                .filter(e -> ("users/" + id).equals(e.path("resourcePath").asText()))
                .filter(e -> e.path("representation").asText().contains("linkedBy"))
                .findFirst();
    }

    static void assertBindingEvent(TenantRealm realm, EntraUser user, String operation, String linkedBy, String hint) throws Exception {
        JsonNode event = bindingEventOf(realm, user.username()).orElseThrow(() -> new AssertionError("no admin event of the binding"));
        assertThat(event.path("operationType").asText()).isEqualTo(operation);
        assertThat(event.path("resourceType").asText()).isEqualTo("USER");
        JsonNode representation = JSON.readTree(event.path("representation").asText());
        assertThat(representation.path("entra_oid").asText()).isEqualTo(user.objectId());
        assertThat(representation.path("entra_tid").asText()).isEqualTo(realm.tenantId());
        assertThat(representation.path("linkedBy").asText()).isEqualTo(linkedBy);
        assertThat(event.toString()).doesNotContain(hint.split("\\.")[1]);
    }

    @Test
    void neverLinksALocalUserWhoTypedTheVictimsUpnAsAnUnverifiedEmail() {
        String victimUpn = "victim-" + suffix() + "@contoso.example";
        EntraUser attacker = localUser(realm, "mallory-" + suffix(), victimUpn, false, Map.of());
        EntraUser victim = new EntraUser(victimUpn, UUID.randomUUID().toString(), "sub-victim", null, false, new AtomicLong());
        AuthorizationRequest request = requestOf(realm, victim, victimUpn);

        JsonNode event = assertErrorPostedToEntra(send(newBrowser(), realm, request), realm, request, "access_denied", "user_not_linked");

        assertThat(event.path("details").path("reason").asText()).contains("not verified");
        assertThat(isUnbound(realm, attacker.username())).as("the attacker's account carries no Entra identity").isTrue();
        assertThat(bindingEventOf(realm, attacker.username())).isEmpty();
    }

    @Test
    void linksTheUserWhoseVerifiedEmailIsTheUpnAndRecordsAnAdminEvent() throws Exception {
        String upn = "jane-" + suffix() + "@contoso.example";
        EntraUser local = localUser(realm, "jdoe-" + suffix(), upn, true, Map.of());
        EntraUser entra = new EntraUser(local.username(), UUID.randomUUID().toString(), "sub-" + UUID.randomUUID(),
                local.otpSecret(), true, local.counter());
        AuthorizationRequest request = requestOf(realm, entra, upn);

        FormPost answer = signIn(newBrowser(), realm, entra, request);

        assertThat(validate(answer, realm, request, entra.subject()).violations()).isEmpty();
        assertThat(userNamed(realm, local.username()).path("attributes").path("entra_oid").path(0).asText()).isEqualTo(entra.objectId());
        assertBindingEvent(realm, entra, "UPDATE", "verified-email", request.get("id_token_hint"));
    }

    @Test
    void linksTheUserWhoseUsernameIsTheUpnWhileUsersCannotEditUsernames() throws Exception {
        String upn = "raj-" + suffix() + "@contoso.example";
        EntraUser local = localUser(realm, upn, "raj.private-" + suffix() + "@example.org", false, Map.of());
        EntraUser entra = new EntraUser(upn, UUID.randomUUID().toString(), "sub-" + UUID.randomUUID(), local.otpSecret(), true, local.counter());
        AuthorizationRequest request = requestOf(realm, entra, upn);

        assertThat(validate(signIn(newBrowser(), realm, entra, request), realm, request, entra.subject()).violations()).isEmpty();

        assertBindingEvent(realm, entra, "UPDATE", "username", request.get("id_token_hint"));
    }

    @Test
    void refusesAsAmbiguousWhenTheUsernameNamesOneUserAndAVerifiedEmailAnother() {
        String upn = "sam-" + suffix() + "@contoso.example";
        EntraUser byUsername = localUser(realm, upn, "sam.one-" + suffix() + "@example.org", true, Map.of());
        EntraUser byEmail = localUser(realm, "sam-two-" + suffix(), upn, true, Map.of());
        EntraUser entra = new EntraUser(upn, UUID.randomUUID().toString(), "sub-" + UUID.randomUUID(), null, false, new AtomicLong());
        AuthorizationRequest request = requestOf(realm, entra, upn);

        assertErrorPostedToEntra(send(newBrowser(), realm, request), realm, request, "access_denied", "user_link_ambiguous");

        assertThat(isUnbound(realm, byUsername.username())).isTrue();
        assertThat(isUnbound(realm, byEmail.username())).isTrue();
    }

    @Test
    void neverLinksByUsernameWhereUsersMayEditTheirUsername() {
        TenantRealm editable = TenantRealm.create("link-editable-names-" + suffix(), MicrosoftCloud.GLOBAL, Map.of("unknownUser", "link-existing"));
        assertThat(ADMIN.put("/" + editable.name(), Map.of("editUsernameAllowed", true)).status()).isEqualTo(204);
        String upn = "lee-" + suffix() + "@contoso.example";
        EntraUser renamedHimself = localUser(editable, upn, "lee.other-" + suffix() + "@example.org", false, Map.of());
        AuthorizationRequest request = requestOf(editable,
                new EntraUser(upn, UUID.randomUUID().toString(), "sub-" + UUID.randomUUID(), null, false, new AtomicLong()), upn);

        assertErrorPostedToEntra(send(newBrowser(), editable, request), editable, request, "access_denied", "user_not_linked");

        assertThat(isUnbound(editable, renamedHimself.username())).isTrue();
    }

    @Test
    void linksByAnAdminOnlyAttributeAndRefusesWhenUsersMayEditIt() throws Exception {
        TenantRealm byAttribute = TenantRealm.create("link-attribute-" + suffix(), MicrosoftCloud.GLOBAL, Map.of("unknownUser", "link-existing"));
        declareAttribute(byAttribute, "employee_upn", List.of("admin"));
        setHintStepSetting(byAttribute, "linkAttribute", "employee_upn");
        String upn = "kim-" + suffix() + "@contoso.example";
        EntraUser local = localUser(byAttribute, "kim-" + suffix(), "kim.private-" + suffix() + "@example.org", false, Map.of("employee_upn", upn));
        EntraUser entra = new EntraUser(local.username(), UUID.randomUUID().toString(), "sub-" + UUID.randomUUID(), local.otpSecret(), true, local.counter());
        AuthorizationRequest request = requestOf(byAttribute, entra, upn);

        assertThat(validate(signIn(newBrowser(), byAttribute, entra, request), byAttribute, request, entra.subject()).violations()).isEmpty();
        assertBindingEvent(byAttribute, entra, "UPDATE", "admin-attribute", request.get("id_token_hint"));

        declareAttribute(byAttribute, "employee_upn", List.of("admin", "user"));
        String otherUpn = "lou-" + suffix() + "@contoso.example";
        EntraUser selfEdited = localUser(byAttribute, "lou-" + suffix(), "lou-" + suffix() + "@example.org", false, Map.of("employee_upn", otherUpn));
        AuthorizationRequest refused = requestOf(byAttribute,
                new EntraUser(otherUpn, UUID.randomUUID().toString(), "sub-" + UUID.randomUUID(), null, false, new AtomicLong()), otherUpn);

        JsonNode event = assertErrorPostedToEntra(send(newBrowser(), byAttribute, refused), byAttribute, refused, "access_denied",
                "user_link_attribute_not_admin_only");
        assertThat(event.path("details").path("reason").asText()).contains("employee_upn").contains("editable by users");
        assertThat(isUnbound(byAttribute, selfEdited.username())).isTrue();
    }

    /** Declares (or redeclares) an attribute in the realm's user profile, editable by the given roles. */
    private static void declareAttribute(TenantRealm realm, String name, List<String> editors) {
        ObjectNode profile = (ObjectNode) ADMIN.get("/" + realm.name() + "/users/profile");
        ArrayNode attributes = (ArrayNode) profile.path("attributes");
        for (int i = attributes.size() - 1; i >= 0; i--) {
            if (name.equals(attributes.get(i).path("name").asText())) {
                attributes.remove(i);
            }
        }
        ObjectNode attribute = attributes.addObject().put("name", name).put("displayName", "Employee UPN").put("multivalued", false);
        ObjectNode permissions = attribute.putObject("permissions");
        permissions.putArray("view").add("admin");
        ArrayNode edit = permissions.putArray("edit");
        editors.forEach(edit::add);
        KeycloakAdmin.Answer answer = ADMIN.put("/" + realm.name() + "/users/profile", profile);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
    }

    /** Adds one setting to the hint step's existing config, as an admin does with the gear icon of the flow editor. */
    private static void setHintStepSetting(TenantRealm realm, String key, String value) {
        for (JsonNode execution : ADMIN.get("/" + realm.name() + "/authentication/flows/entra-second-factor-only/executions")) {
            if ("entra-hint-broker".equals(execution.path("providerId").asText())) {
                String path = "/" + realm.name() + "/authentication/config/" + execution.path("authenticationConfig").asText();
                ObjectNode config = (ObjectNode) ADMIN.get(path);
                ((ObjectNode) config.path("config")).put(key, value);
                assertThat(ADMIN.put(path, config).status()).isEqualTo(204);
                return;
            }
        }
        throw new AssertionError("no hint step in " + realm.name());
    }
}
