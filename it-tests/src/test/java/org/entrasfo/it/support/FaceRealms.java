package org.entrasfo.it.support;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.entrasfo.entrasim.MicrosoftCloud;

/**
 * Tenant realms with the face factor on, made by the product's own provisioning call: the face step ALTERNATIVE
 * (after OTP, as the factors order themselves), its engine the run's face service, and enrolment in the flow open to
 * users an admin gives a window. The whole-flow browser tests start from here too.
 */
public final class FaceRealms {

    public static final String FACE = "sfo-face";

    private FaceRealms() {
    }

    /** A new realm whose face engine is the run's built-in face service. */
    public static TenantRealm withFace(String name) {
        FaceServiceUnderTest service = FaceServiceUnderTest.get();
        return withFace(name, service.baseUrl(), service.apiKey());
    }

    /** A new realm whose face engine answers at {@code engineUrl} (a closed port: the engine is down). */
    public static TenantRealm withFace(String name, URI engineUrl, String apiKey) {
        TenantRealm realm = TenantRealm.create(name, MicrosoftCloud.GLOBAL, TenantRealm.settings(
                "factors", List.of(FACE, "sfo-otp"),
                "factorSettings", Map.of(FACE, engine(engineUrl, apiKey))));
        return realm.configure(FACE, Map.of("enrolment", "window"));
    }

    /** Points the realm's face engine elsewhere through the same provisioning call, as an admin would. */
    public static void pointEngineAt(TenantRealm realm, URI engineUrl, String apiKey) {
        var answer = KeycloakAdmin().applyTenantRealm(Map.of("realm", realm.name(), "tenantId", realm.tenantId(), "appId", realm.appId(),
                "cloud", realm.cloud().name(), "authorityJwksUrl", KeycloakUnderTest.simulator().jwksUrl(),
                "factorSettings", Map.of(FACE, engine(engineUrl, apiKey))));
        if (answer.status() / 100 != 2) {
            throw new IllegalStateException("the engine was not set: " + answer.status() + " " + answer.body());
        }
    }

    public static Map<String, String> engine(URI engineUrl, String apiKey) {
        return Map.of("faceEngineUrl", engineUrl.toString(), "faceEngineKind", "built-in", "faceEngineApiKey", apiKey);
    }

    /** A user with no second factor yet whose face enrolment window is open until tomorrow. */
    public static EntraUser userWhoMayEnrol(TenantRealm realm) {
        return realm.newUserWithout2ndFactor(Map.of("sfo_enrolment_until", List.of(java.time.Instant.now().plusSeconds(86_400).toString())));
    }

    private static org.entrasfo.it.keycloak.KeycloakAdmin KeycloakAdmin() {
        return KeycloakUnderTest.keycloak().admin();
    }
}
