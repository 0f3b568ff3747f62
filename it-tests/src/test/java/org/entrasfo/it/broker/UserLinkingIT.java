package org.entrasfo.it.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.support.EntraAssertions.assertErrorPostedToEntra;
import static org.entrasfo.it.support.EntraRoundTrip.newBrowser;
import static org.entrasfo.it.support.EntraRoundTrip.send;
import static org.entrasfo.it.support.EntraRoundTrip.signIn;
import static org.entrasfo.it.support.EntraRoundTrip.validate;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import org.entrasfo.entrasim.AuthorizationRequest;
import org.entrasfo.entrasim.FormPost;
import org.entrasfo.entrasim.MicrosoftCloud;
import org.entrasfo.it.keycloak.KeycloakAdmin;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.TenantRealm;
import org.junit.jupiter.api.Test;

/** Contract 3.9: users are found by oid + tid; preferred_username only ever binds an unbound user once, when allowed. */
class UserLinkingIT {

    private final KeycloakAdmin admin = KeycloakUnderTest.keycloak().admin();

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 6);
    }

    private JsonNode userNamed(TenantRealm realm, String username) {
        return admin.get("/" + realm.name() + "/users?exact=true&briefRepresentation=false&username=" + username).path(0);
    }

    @Test
    void bindsADirectoryUserOnFirstUseAndThenForGood() {
        TenantRealm realm = TenantRealm.create("link-existing-" + suffix(), MicrosoftCloud.GLOBAL, Map.of("unknownUser", "link-existing"));
        String username = "ldap-" + suffix();
        String secret = UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        admin.createEntraUser(realm.name(), username, null, null, secret, true);
        // As a directory federation with "trust email" on imports it: only a verified email may link.
        markEmailVerified(realm, username);
        EntraUser directoryUser = new EntraUser(username, UUID.randomUUID().toString(), "sub-" + UUID.randomUUID(), secret, true, new AtomicLong());
        AuthorizationRequest request = realm.requestWith(KeycloakUnderTest.simulator().hint().tenant(MicrosoftCloud.GLOBAL, realm.tenantId())
                .audience(realm.appId()).user(directoryUser.objectId(), directoryUser.subject(), username + "@example.org", "Directory User").sign());

        FormPost answer = signIn(newBrowser(), realm, directoryUser, request);

        assertThat(validate(answer, realm, request, directoryUser.subject()).violations()).isEmpty();
        JsonNode attributes = userNamed(realm, username).path("attributes");
        assertThat(attributes.path("entra_oid").path(0).asText()).isEqualTo(directoryUser.objectId());
        assertThat(attributes.path("entra_tid").path(0).asText()).isEqualTo(realm.tenantId());

        AuthorizationRequest impostor = realm.requestWith(KeycloakUnderTest.simulator().hint().tenant(MicrosoftCloud.GLOBAL, realm.tenantId())
                .audience(realm.appId()).user(UUID.randomUUID().toString(), "sub-other", username + "@example.org", "Renamed Guest").sign());
        assertErrorPostedToEntra(send(newBrowser(), realm, impostor), realm, impostor, "access_denied", "user_bound_to_other_oid");
        assertThat(userNamed(realm, username).path("attributes").path("entra_oid").path(0).asText()).isEqualTo(directoryUser.objectId());
    }

    @Test
    void createsAnUnknownUserWhenTheRealmSaysSo() {
        TenantRealm realm = TenantRealm.create("create-users-" + suffix(), MicrosoftCloud.GLOBAL, Map.of("unknownUser", "create"));
        String oid = UUID.randomUUID().toString();
        String preferredUsername = "new.hire-" + suffix() + "@contoso.example";
        AuthorizationRequest request = realm.requestWith(KeycloakUnderTest.simulator().hint().tenant(MicrosoftCloud.GLOBAL, realm.tenantId())
                .audience(realm.appId()).user(oid, "sub-" + oid, preferredUsername, "New Hire").sign());

        // Created, but with no factor yet: enrolment is policy, so Entra hears that no factor is usable.
        assertErrorPostedToEntra(send(newBrowser(), realm, request), realm, request, "access_denied", "sfo_no_usable_factor");

        JsonNode created = userNamed(realm, preferredUsername);
        assertThat(created.path("attributes").path("entra_oid").path(0).asText()).isEqualTo(oid);
        assertThat(created.path("firstName").asText()).isEqualTo("New");
        assertThat(created.path("lastName").asText()).isEqualTo("Hire");
        JsonNode audit = LinkExistingUserIT.bindingEventOf(realm, preferredUsername).orElseThrow();
        assertThat(audit.path("operationType").asText()).isEqualTo("CREATE");
        assertThat(audit.path("representation").asText()).contains(oid).contains("\"linkedBy\":\"created\"");
    }

    private void markEmailVerified(TenantRealm realm, String username) {
        com.fasterxml.jackson.databind.node.ObjectNode user = (com.fasterxml.jackson.databind.node.ObjectNode) userNamed(realm, username);
        user.put("emailVerified", true);
        assertThat(admin.put("/" + realm.name() + "/users/" + user.path("id").asText(), user).status()).isEqualTo(204);
    }

    @Test
    void refusesTheUsersNextHintOnceAnAdminBoundThemToAnotherTenant() {
        TenantRealm realm = TenantRealm.of(MicrosoftCloud.GLOBAL);
        EntraUser user = realm.newUser();
        // A first sign-in puts the user into Keycloak's user cache, which the broker reads the tid from.
        signIn(newBrowser(), realm, user, realm.requestWith(realm.hintFor(user).sign()));

        admin.setUserAttributes(realm.name(), user.username(), Map.of("entra_tid", java.util.List.of(UUID.randomUUID().toString())));

        AuthorizationRequest next = realm.requestWith(realm.hintFor(user).sign());
        assertErrorPostedToEntra(send(newBrowser(), realm, next), realm, next, "access_denied", "user_not_linked");
    }

    @Test
    void neverLinksByPreferredUsernameUnlessTheRealmAllowsIt() {
        TenantRealm realm = TenantRealm.of(MicrosoftCloud.GLOBAL);
        String username = "unbound-" + suffix();
        admin.createEntraUser(realm.name(), username, null, null, "unusedsecret12345678", true);
        AuthorizationRequest request = realm.requestWith(KeycloakUnderTest.simulator().hint().tenant(MicrosoftCloud.GLOBAL, realm.tenantId())
                .audience(realm.appId()).user(UUID.randomUUID().toString(), "sub-x", username, "Same Name").sign());

        assertErrorPostedToEntra(send(newBrowser(), realm, request), realm, request, "access_denied", "user_not_linked");
        assertThat(userNamed(realm, username).path("attributes").path("entra_oid").isMissingNode()).isTrue();
    }
}
