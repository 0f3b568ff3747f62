package org.entrasfo.demo;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.entrasfo.entrasim.DemoSettings;
import org.entrasfo.entrasim.EntraSimulator;
import org.entrasfo.it.keycloak.KeycloakAdmin;
import org.entrasfo.it.keycloak.KeycloakProcess;

/**
 * The README's demo: Keycloak in dev mode with the providers bundle, a demo tenant realm with a user enrolled in OTP,
 * and the Entra simulator's start page, so the whole round trip can be clicked through in a browser. Ctrl-C stops all.
 */
public final class EntraSfoDemo {

    static final String REALM = "demo-tenant";
    static final String TENANT_ID = "3f2b9c1e-5d6a-4e7b-8c9d-0a1b2c3d4e5f";
    static final String APP_ID = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d";
    static final String USER_OID = "5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e";
    static final String USER_OTP_SECRET = "DemoSecretOnly4Demo!";

    private EntraSfoDemo() {
    }

    public static void main(String[] args) {
        try {
            run();
        } catch (Exception e) {
            System.err.println("The demo could not start: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run() throws Exception {
        Path dist = Path.of(required("demo.keycloak.dir"));
        Path bundle = Path.of(required("demo.providers.bundle"));
        int keycloakPort = Integer.getInteger("demo.keycloak.port", 8080);
        int simulatorPort = Integer.getInteger("demo.simulator.port", 8099);

        System.out.println("Starting the Entra simulator and Keycloak (first start builds Keycloak: about a minute)...");
        EntraSimulator microsoft = EntraSimulator.start("127.0.0.1", simulatorPort);
        KeycloakProcess keycloak = KeycloakProcess.start(dist, bundle, KeycloakProcess.Mode.DEV, keycloakPort, "admin", List.of());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Keycloak and the Entra simulator...");
            keycloak.close();
            microsoft.close();
            stopped.countDown();
        }));

        KeycloakAdmin admin = keycloak.admin();
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("realm", REALM);
        profile.put("name", "Demo tenant");
        profile.put("displayName", "Demo Hospital EHR");
        profile.put("tenantId", TENANT_ID);
        profile.put("cloud", "GLOBAL");
        profile.put("appId", APP_ID);
        // The simulator plays Microsoft: the demo realm trusts it instead of login.microsoftonline.com.
        profile.put("authorityIssuerBaseUrl", microsoft.issuerBaseUrl());
        profile.put("authorityJwksUrl", microsoft.jwksUrl());
        profile.put("factors", List.of("sfo-otp", "sfo-push", "sfo-passkey"));
        KeycloakAdmin.Answer realm = admin.applyTenantRealm(profile);
        if (realm.status() / 100 != 2) {
            throw new IllegalStateException("Could not create the demo realm: " + realm.body());
        }
        admin.createEntraUser(REALM, "alice", USER_OID, TENANT_ID, USER_OTP_SECRET, false);
        // Push approval and a passkey too: alice adds them from the Account Console, after her OTP code.
        String discovery = keycloak.discoveryUrl(REALM);
        microsoft.setDemo(new DemoSettings(keycloak.authorizationEndpoint(REALM).toString(), discovery,
                realm.body().path("clientId").asText(), TENANT_ID, APP_ID, USER_OID, "demo-pairwise-sub-alice",
                "alice@demo-hospital.example", "Alice Example", USER_OTP_SECRET), keycloak.httpClientBuilder().build());

        System.out.println();
        System.out.println("Entra SFO for Keycloak demo is running.");
        System.out.println("  Start page (plays Entra):  " + microsoft.baseUrl() + "/");
        System.out.println("  Demo realm discovery URL:  " + discovery);
        System.out.println("  Admin console:             " + keycloak.baseUrl() + "/admin/  (admin / admin, demo only)");
        System.out.println("  Keycloak log:              " + keycloak.logFile());
        System.out.println("Press Ctrl-C to stop.");
        stopped.await();
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("Start the demo with deploy/demo.sh (missing -D" + property + ")");
        }
        return value;
    }
}
