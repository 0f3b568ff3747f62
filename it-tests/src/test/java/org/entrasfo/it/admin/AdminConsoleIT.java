package org.entrasfo.it.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.support.EntraRoundTrip.newBrowser;
import static org.entrasfo.it.support.EntraRoundTrip.signIn;
import static org.entrasfo.it.support.EntraRoundTrip.validate;

import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.entrasfo.entrasim.AuthorizationRequest;
import org.entrasfo.entrasim.FormPost;
import org.entrasfo.entrasim.MicrosoftCloud;
import org.entrasfo.it.keycloak.KeycloakAdmin;
import org.entrasfo.it.keycloak.KeycloakProcess;
import org.entrasfo.it.support.AdminConsole;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.TenantRealm;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * An admin in Keycloak's own admin console, in headless Chromium: adds a "Microsoft External Authentication"
 * profile to their realm, reads back what to paste into Entra, and Entra's round trip then works against that realm.
 */
class AdminConsoleIT {

    private static final String PAGE_NAV = "[data-testid='nav-item-page-section/Microsoft%20External%20Authentication']";

    private final KeycloakProcess keycloak = KeycloakUnderTest.keycloak();
    private final KeycloakAdmin admin = keycloak.admin();

    @Test
    void anAdminAddsAProfileAndReadsBackTheClientIdAndDiscoveryUrl() {
        String realm = "console-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(admin.post("", Map.of("realm", realm, "enabled", true)).status()).isEqualTo(201);
        // More realms than the console's realm list shows on one page, as on a server with many tenants.
        for (int i = 0; i < 11; i++) {
            admin.post("", Map.of("realm", "a-tenant-" + i + "-" + UUID.randomUUID().toString().substring(0, 4), "enabled", true));
        }
        String tenantId = UUID.randomUUID().toString();
        String appId = UUID.randomUUID().toString();
        String clientIdShown;
        String discoveryUrlShown;

        try (AdminConsole console = new AdminConsole(keycloak).signIn()) {
            switchToRealm(console, realm);
            console.await(By.cssSelector(PAGE_NAV)).click();
            console.await(By.cssSelector("[data-testid='there-are-no-items-empty-action']")).click();
            console.await(By.id("config.displayName")).sendKeys("Contoso Health");
            console.driver().findElement(By.id("config.tenantId")).sendKeys(tenantId);
            console.driver().findElement(By.id("config.appId")).sendKeys(appId);
            console.screenshot("admin-console-profile-form");
            console.driver().findElement(By.cssSelector("[data-testid='save']")).click();
            console.waiting().until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector("[data-testid='global-alerts']"), "Saved"));

            console.await(By.cssSelector(PAGE_NAV)).click();
            // The list names each profile by its user-friendly name.
            console.waiting().until(ExpectedConditions.elementToBeClickable(By.linkText("Contoso Health"))).click();
            clientIdShown = console.waiting().until(d -> valueOf(console, "config.entraClientId"));
            discoveryUrlShown = valueOf(console, "config.entraDiscoveryUrl");
            console.screenshot("admin-console-profile-saved");
        }

        assertThat(clientIdShown).isEqualTo(appId);
        assertThat(discoveryUrlShown).isEqualTo(keycloak.discoveryUrl(realm));

        TenantRealm tenant = trustTheSimulator(realm, tenantId, appId, clientIdShown);
        EntraUser user = tenant.newUser();
        AuthorizationRequest request = tenant.requestWith(tenant.hintFor(user).sign());
        screenshotTheFactorPage(tenant, request);
        FormPost answer = signIn(newBrowser(), tenant, user, request);
        assertThat(validate(answer, tenant, request, user.subject()).violations()).isEmpty();
    }

    /**
     * Opens the console at the realm's own address (a bookmark an admin keeps), which works however many realms the
     * server has; the realm list pages through them.
     */
    private static void switchToRealm(AdminConsole console, String realm) {
        console.open("/" + realm + "/realm-settings");
        console.driver().navigate().refresh();
        console.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid='currentRealm']"), realm));
    }

    private static String valueOf(AdminConsole console, String id) {
        String value = console.driver().findElement(By.id(id)).getAttribute("value");
        return value == null || value.isBlank() ? null : value;
    }

    /** Test only, as for a private cloud: hints signed by the simulator's keys instead of Microsoft's. */
    private TenantRealm trustTheSimulator(String realm, String tenantId, String appId, String clientId) {
        for (JsonNode execution : admin.get("/" + realm + "/authentication/flows/entra-second-factor-only/executions")) {
            if ("entra-hint-broker".equals(execution.path("providerId").asText())) {
                String configId = execution.path("authenticationConfig").asText();
                ObjectNode config = (ObjectNode) admin.get("/" + realm + "/authentication/config/" + configId);
                ((ObjectNode) config.path("config")).put("authorityJwksUrl", KeycloakUnderTest.simulator().jwksUrl());
                assertThat(admin.put("/" + realm + "/authentication/config/" + configId, config).status()).isEqualTo(204);
            }
        }
        return new TenantRealm(keycloak, realm, MicrosoftCloud.GLOBAL, tenantId, appId, clientId, new ObjectMapper().createObjectNode());
    }

    /** Entra's form POST, replayed in Chromium, up to the factor page. */
    private void screenshotTheFactorPage(TenantRealm tenant, AuthorizationRequest request) {
        try (AdminConsole browser = new AdminConsole(keycloak)) {
            browser.postLikeEntra(keycloak.authorizationEndpoint(tenant.name()), request.formParameters(), By.id("otp"));
            browser.screenshot("factor-otp-page");
        }
    }
}
