package org.entrasfo.it.theme;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.entrasfo.entrasim.MicrosoftCloud;
import org.entrasfo.it.keycloak.KeycloakAdmin;
import org.entrasfo.it.support.Browser;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.OurPages;
import org.entrasfo.it.support.TenantRealm;
import org.junit.jupiter.api.Test;

/**
 * The organisation's logo and colour, set with the profile, stored with the realm and shown on its sign-in pages;
 * what could inject CSS or markup, or make buttons unreadable, is refused with the field named.
 */
class BrandingIT {

    static final String LOGO = "data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHdpZHRoPSIxMjAiIGhlaWdodD0iMzIiPjxyZWN0IHdpZHRoPSIxMjAiIGhlaWdodD0iMzIiIGZpbGw9IiMwYjUzOTQiLz48L3N2Zz4=";
    private final KeycloakAdmin admin = KeycloakUnderTest.keycloak().admin();

    @Test
    void theRealmsPagesShowTheLogoAndColourOfItsProfile() {
        TenantRealm realm = TenantRealm.create("brand-" + UUID.randomUUID().toString().substring(0, 6), MicrosoftCloud.GLOBAL,
                Map.of("brandLogo", LOGO, "brandColour", "#0B5394"));

        Browser.Page otp = OurPages.open(realm, realm.newUser()).page();

        assertThat(otp.document().getElementById("sfo-brand-logo").attr("src")).isEqualTo(LOGO);
        assertThat(otp.document().getElementById("sfo-brand-logo").attr("alt")).isEqualTo("Test application " + realm.name());
        assertThat(otp.body()).contains("--pf-v5-global--primary-color--100: #0b5394;");
        assertThat(admin.get("/" + realm.name()).path("attributes").path("entraSfoBrandColour").asText()).isEqualTo("#0b5394");
    }

    @Test
    void anEmptyValueRemovesTheBrandingAndAnAbsentOneKeepsIt() {
        String name = "brand-" + UUID.randomUUID().toString().substring(0, 6);
        TenantRealm realm = TenantRealm.create(name, MicrosoftCloud.GLOBAL, Map.of("brandLogo", LOGO, "brandColour", "#0b5394"));
        Map<String, Object> again = profileOf(realm);
        assertThat(admin.applyTenantRealm(again).status()).isEqualTo(200);
        assertThat(admin.get("/" + name).path("attributes").path("entraSfoBrandLogo").asText()).isEqualTo(LOGO);

        again.put("brandLogo", "");
        again.put("brandColour", "");
        assertThat(admin.applyTenantRealm(again).status()).isEqualTo(200);

        assertThat(admin.get("/" + name).path("attributes").has("entraSfoBrandLogo")).isFalse();
        Browser.Page otp = OurPages.open(realm, realm.newUser()).page();
        assertThat(otp.document().getElementById("sfo-brand-logo")).isNull();
        assertThat(otp.body()).doesNotContain("--sfo-brand-colour");
    }

    @Test
    void aColourWhiteTextIsUnreadableOnIsRefusedNamingTheField() {
        Map<String, Object> profile = newProfile();
        profile.put("brandColour", "#ffcc00");

        KeycloakAdmin.Answer answer = admin.applyTenantRealm(profile);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().toString()).contains("brandColour").contains("contrast");
        assertThat(admin.get("").findValuesAsText("realm")).doesNotContain((String) profile.get("realm"));
    }

    @Test
    void cssOrMarkupInTheColourOrLogoIsRefused() {
        for (Map.Entry<String, String> attack : List.of(
                Map.entry("brandColour", "#000000;} body{display:none"),
                Map.entry("brandLogo", "javascript:alert(1)"),
                Map.entry("brandLogo", "https://cdn.contoso.example/x.png\" onerror=\"alert(1)"),
                Map.entry("brandLogo", "http://cdn.contoso.example/x.png"))) {
            Map<String, Object> profile = newProfile();
            profile.put(attack.getKey(), attack.getValue());

            KeycloakAdmin.Answer answer = admin.applyTenantRealm(profile);

            assertThat(answer.status()).as(attack.getValue()).isEqualTo(400);
            assertThat(answer.body().toString()).as(attack.getValue()).contains(attack.getKey());
        }
    }

    private static Map<String, Object> newProfile() {
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("realm", "brand-" + UUID.randomUUID().toString().substring(0, 6));
        profile.put("tenantId", UUID.randomUUID().toString());
        profile.put("appId", UUID.randomUUID().toString());
        return profile;
    }

    private static Map<String, Object> profileOf(TenantRealm realm) {
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("realm", realm.name());
        profile.put("tenantId", realm.tenantId());
        profile.put("appId", realm.appId());
        profile.put("authorityJwksUrl", KeycloakUnderTest.simulator().jwksUrl());
        profile.put("displayName", "Test application " + realm.name());
        return profile;
    }
}
