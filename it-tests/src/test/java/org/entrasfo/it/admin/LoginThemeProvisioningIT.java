package org.entrasfo.it.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.entrasfo.it.keycloak.KeycloakAdmin;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.junit.jupiter.api.Test;

/**
 * A tenant realm shows the product's login theme (who is signing in, Cancel back to Entra) from its first sign-in;
 * an admin may name another, and a realm that already exists keeps its admin's choice unless the call names one.
 */
class LoginThemeProvisioningIT {

    private final KeycloakAdmin admin = KeycloakUnderTest.keycloak().admin();

    private static Map<String, Object> profile(String realm) {
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("realm", realm);
        profile.put("tenantId", UUID.randomUUID().toString());
        profile.put("appId", UUID.randomUUID().toString());
        return profile;
    }

    private static String newRealmName() {
        return "theme-" + UUID.randomUUID().toString().substring(0, 6);
    }

    @Test
    void aNewTenantRealmUsesTheProductsLoginTheme() {
        String realm = newRealmName();

        assertThat(admin.applyTenantRealm(profile(realm)).status()).isEqualTo(201);

        assertThat(admin.get("/" + realm).path("loginTheme").asText()).isEqualTo("entra-sfo");
    }

    @Test
    void theAdminMayNameAnotherThemeForANewRealm() {
        String realm = newRealmName();
        Map<String, Object> profile = profile(realm);
        profile.put("loginTheme", "keycloak.v2");

        assertThat(admin.applyTenantRealm(profile).status()).isEqualTo(201);

        assertThat(admin.get("/" + realm).path("loginTheme").asText()).isEqualTo("keycloak.v2");
    }

    @Test
    void anExistingRealmKeepsItsAdminsThemeUnlessTheCallNamesOne() {
        String realm = newRealmName();
        Map<String, Object> profile = profile(realm);
        admin.applyTenantRealm(profile);
        admin.put("/" + realm, Map.of("loginTheme", "keycloak.v2"));

        assertThat(admin.applyTenantRealm(profile).status()).isEqualTo(200);
        assertThat(admin.get("/" + realm).path("loginTheme").asText()).as("applied again without a theme").isEqualTo("keycloak.v2");

        profile.put("loginTheme", "entra-sfo");
        assertThat(admin.applyTenantRealm(profile).status()).isEqualTo(200);
        assertThat(admin.get("/" + realm).path("loginTheme").asText()).as("applied again naming one").isEqualTo("entra-sfo");
    }

    @Test
    void aThemeTheServerDoesNotHaveIsRefusedNamingTheFieldAndNothingIsMade() {
        String realm = newRealmName();
        Map<String, Object> profile = profile(realm);
        profile.put("loginTheme", "no-such-theme");

        KeycloakAdmin.Answer answer = admin.applyTenantRealm(profile);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().toString()).contains("loginTheme").contains("no-such-theme");
        assertThat(admin.get("").findValuesAsText("realm")).doesNotContain(realm);
    }

    @Test
    void aThemeNameWithPathSyntaxIsRefused() {
        Map<String, Object> profile = profile(newRealmName());
        profile.put("loginTheme", "../base");

        KeycloakAdmin.Answer answer = admin.applyTenantRealm(profile);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().toString()).contains("loginTheme");
    }
}
