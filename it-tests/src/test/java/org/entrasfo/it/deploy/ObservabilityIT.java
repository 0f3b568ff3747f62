package org.entrasfo.it.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.support.EntraRoundTrip.newBrowser;
import static org.entrasfo.it.support.EntraRoundTrip.send;
import static org.entrasfo.it.support.EntraRoundTrip.signIn;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.entrasfo.entrasim.MicrosoftCloud;
import org.entrasfo.it.keycloak.KeycloakAdmin;
import org.entrasfo.it.keycloak.KeycloakProcess;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.TenantRealm;
import org.junit.jupiter.api.Test;

/** What operations see: SFO outcomes as metrics per tenant and factor, and whether Microsoft's keys are fresh. */
class ObservabilityIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeycloakProcess keycloak = KeycloakUnderTest.keycloak();

    @Test
    void countsSuccessesAndRefusalsPerTenantAndFactorAsTheDashboardDrawsThem() throws Exception {
        TenantRealm realm = TenantRealm.create("metrics-" + UUID.randomUUID().toString().substring(0, 6), MicrosoftCloud.GLOBAL, Map.of());
        EntraUser user = realm.newUser();
        signIn(newBrowser(), realm, user, realm.requestWith(realm.hintFor(user).sign()));
        signIn(newBrowser(), realm, user, realm.requestWith(realm.hintFor(user).sign()));
        EntraUser withoutToken = realm.newUserWithout2ndFactor(Map.of());
        send(newBrowser(), realm, realm.requestWith(realm.hintFor(withoutToken).sign()));

        List<String> lines = metricLines("entra_sfo_outcomes_total", "realm=\"" + realm.name() + "\"");

        assertThat(lines).anySatisfy(line -> assertThat(line)
                .contains("factor=\"otp\"", "outcome=\"success\"", "tenant=\"" + realm.tenantId() + "\"").endsWith(" 2.0"));
        assertThat(lines).anySatisfy(line -> assertThat(line)
                .contains("outcome=\"error\"", "error=\"sfo_no_usable_factor\"").endsWith(" 1.0"));
        JsonNode report = realm.keycloak().admin().get("/" + realm.name() + "/entra-sfo/report?from=" + java.time.LocalDate.now().minusDays(1));
        assertThat(report.path("byFactor").path("otp").path("success").asLong()).isEqualTo(2);
        assertThat(report.path("byFactor").path("none").path("errors").path("sfo_no_usable_factor").asLong()).isEqualTo(1);
        assertThat(report.path("byTenant").path(realm.tenantId()).asLong()).isEqualTo(3);
        KeycloakAdmin admin = realm.keycloak().admin();
        KeycloakAdmin.Answer saved = admin.post("/" + realm.name() + "/components", Map.of("name", "report",
                "providerId", "SFO outcome reports", "providerType", "org.keycloak.services.ui.extend.UiPageProvider",
                "parentId", admin.get("/" + realm.name()).path("id").asText(),
                "config", Map.of("from", List.of(java.time.LocalDate.now().minusDays(1).toString()))));
        assertThat(saved.status()).as(saved.body().toString()).isEqualTo(201);
        String summary = admin.get("/" + realm.name() + "/components/" + saved.location().substring(saved.location().lastIndexOf('/') + 1))
                .path("config").path("summary").path(0).asText();
        assertThat(summary).contains("Factor otp: 2 succeeded, 0 refused").contains("sfo_no_usable_factor 1");
        String dashboard = Files.readString(Path.of("..", "deploy", "grafana", "entra-sfo-dashboard.json"));
        Matcher metrics = Pattern.compile("(entra_sfo_\\w+|keycloak_user_events_total)").matcher(dashboard);
        while (metrics.find()) {
            assertThat(metricLines(metrics.group(1), "")).as("metric %s of the dashboard", metrics.group(1)).isNotEmpty();
        }
    }

    @Test
    void reportsFreshMicrosoftKeysAsUp() throws Exception {
        TenantRealm realm = TenantRealm.of(MicrosoftCloud.GLOBAL);

        HttpResponse<String> health = get(keycloak.realmUrl(realm.name()) + "/entra-sfo/health");

        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(health.body());
        assertThat(body.path("status").asText()).isEqualTo("UP");
        assertThat(body.path("microsoftSigningKeys").path(0).path("jwksUrl").asText()).isEqualTo(KeycloakUnderTest.simulator().jwksUrl());
        assertThat(body.path("microsoftSigningKeys").path(0).path("state").asText()).isEqualTo("FRESH");
        assertThat(metricLines("entra_sfo_jwks_age_seconds", KeycloakUnderTest.simulator().jwksUrl())).isNotEmpty();
    }

    @Test
    void reportsDownWhenMicrosoftsKeysCannotBeFetched() throws Exception {
        TenantRealm realm = TenantRealm.create("health-down-" + UUID.randomUUID().toString().substring(0, 6), MicrosoftCloud.GLOBAL,
                Map.of("authorityJwksUrl", "http://127.0.0.1:1/common/discovery/v2.0/keys"));

        HttpResponse<String> health = get(keycloak.realmUrl(realm.name()) + "/entra-sfo/health");

        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(health.body()).path("status").asText()).isEqualTo("DOWN");
    }

    private List<String> metricLines(String metric, String mustContain) throws Exception {
        return get(keycloak.managementUrl() + "/metrics").body().lines()
                .filter(line -> line.startsWith(metric + "{") && line.contains(mustContain))
                .toList();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return keycloak.httpClientBuilder().build().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
