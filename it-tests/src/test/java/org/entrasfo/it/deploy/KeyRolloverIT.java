package org.entrasfo.it.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.support.EntraRoundTrip.newBrowser;
import static org.entrasfo.it.support.EntraRoundTrip.signIn;
import static org.entrasfo.it.support.EntraRoundTrip.validate;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.entrasfo.entrasim.AuthorizationRequest;
import org.entrasfo.entrasim.FormPost;
import org.entrasfo.entrasim.MicrosoftCloud;
import org.entrasfo.it.keycloak.KeycloakAdmin;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.TenantRealm;
import org.junit.jupiter.api.Test;

/**
 * The key rollover of docs/key-rollover.md, step by step: the new key is published (passive) before it signs, so
 * Entra never meets a token signed by a key missing from the JWKS it cached.
 */
class KeyRolloverIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TenantRealm realm = TenantRealm.create("rollover-" + UUID.randomUUID().toString().substring(0, 6), MicrosoftCloud.GLOBAL, Map.of());
    private final KeycloakAdmin admin = realm.keycloak().admin();

    @Test
    void publishesTheNewKeyBeforeItSignsAndKeepsTheOldOneUntilItIsRetired() throws Exception {
        String oldKid = signingKid();
        String oldProvider = providerOfKid(oldKid);

        // Step 1: the new key, passive: published, not signing.
        String newProvider = addRsaKey("rsa-next", "200", false);
        String newKid = kidOfProvider(newProvider);
        assertThat(publishedKids()).contains(oldKid, newKid);
        assertThat(signingKid()).as("a passive key never signs").isEqualTo(oldKid);

        // Step 2 (after Entra's cache period): the new key signs; the old one stays published for tokens in flight.
        setActive(newProvider, true);
        setActive(oldProvider, false);
        assertThat(signingKid()).isEqualTo(newKid);
        assertThat(publishedKids()).contains(oldKid, newKid);

        // Step 3: the old key is retired.
        assertThat(admin.delete("/" + realm.name() + "/components/" + oldProvider).status()).isEqualTo(204);
        assertThat(publishedKids()).contains(newKid).doesNotContain(oldKid);
        assertThat(signingKid()).isEqualTo(newKid);
    }

    /** The kid of a fresh id_token, which Entra's own checks accept. */
    private String signingKid() throws Exception {
        EntraUser user = realm.newUser();
        AuthorizationRequest request = realm.requestWith(realm.hintFor(user).sign());
        FormPost answer = signIn(newBrowser(), realm, user, request);
        assertThat(validate(answer, realm, request, user.subject()).violations()).isEmpty();
        String header = answer.field("id_token").split("\\.")[0];
        return JSON.readTree(Base64.getUrlDecoder().decode(header)).path("kid").asText();
    }

    private List<String> publishedKids() throws Exception {
        HttpResponse<String> certs = realm.keycloak().httpClientBuilder().build().send(
                HttpRequest.newBuilder(URI.create(realm.keycloak().realmUrl(realm.name()) + "/protocol/openid-connect/certs")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        List<String> kids = new ArrayList<>();
        JSON.readTree(certs.body()).path("keys").forEach(k -> {
            if ("sig".equals(k.path("use").asText())) {
                // Contract 1.4: Entra wants the certificate of every signing key, the new one included.
                assertThat(k.path("x5c").path(0).asText()).as("x5c of %s", k.path("kid").asText()).isNotBlank();
                kids.add(k.path("kid").asText());
            }
        });
        return kids;
    }

    private String addRsaKey(String name, String priority, boolean active) {
        KeycloakAdmin.Answer created = admin.post("/" + realm.name() + "/components", Map.of(
                "name", name, "providerId", "rsa-generated", "providerType", "org.keycloak.keys.KeyProvider",
                "parentId", realmId(),
                "config", Map.of("priority", List.of(priority), "enabled", List.of("true"), "active", List.of(String.valueOf(active)),
                        "algorithm", List.of("RS256"), "keySize", List.of("2048"))));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.location().substring(created.location().lastIndexOf('/') + 1);
    }

    private void setActive(String providerId, boolean active) {
        JsonNode component = admin.get("/" + realm.name() + "/components/" + providerId);
        ((com.fasterxml.jackson.databind.node.ObjectNode) component.path("config")).putArray("active").add(String.valueOf(active));
        assertThat(admin.put("/" + realm.name() + "/components/" + providerId, component).status()).isEqualTo(204);
    }

    private String providerOfKid(String kid) {
        for (JsonNode key : admin.get("/" + realm.name() + "/keys").path("keys")) {
            if (kid.equals(key.path("kid").asText())) {
                return key.path("providerId").asText();
            }
        }
        throw new AssertionError("no key " + kid);
    }

    private String kidOfProvider(String providerId) {
        for (JsonNode key : admin.get("/" + realm.name() + "/keys").path("keys")) {
            if (providerId.equals(key.path("providerId").asText()) && "RS256".equals(key.path("algorithm").asText())) {
                return key.path("kid").asText();
            }
        }
        throw new AssertionError("no RS256 key of provider " + providerId);
    }

    private String realmId() {
        return admin.get("/" + realm.name()).path("id").asText();
    }
}
