package org.entrasfo.demo;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.entrasfo.entrasim.DemoSettings;
import org.entrasfo.entrasim.EntraSimulator;
import org.entrasfo.it.keycloak.KeycloakAdmin;
import org.entrasfo.it.keycloak.KeycloakProcess;
import org.entrasfo.twiliosim.TwilioStandIn;

/**
 * The README's demo: Keycloak in dev mode with the providers bundle, a demo tenant realm with a user for every factor
 * ({@link DemoTenant}), the Entra simulator's start page, and stand-ins for the phone network and the mail server whose
 * messages show on pages of the demo, so every factor can be clicked through in one browser. Ctrl-C stops all.
 */
public final class EntraSfoDemo {

    static final String REALM = "demo-tenant";
    static final String TWILIO_ACCOUNT_SID = "AC0000000000000000000000000000de";
    static final String TWILIO_AUTH_TOKEN = "demo-twilio-auth-token";

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
        // Stand-ins for the phone network and the mail server, on loopback only: the demo's SMS and mail end up on pages.
        TwilioStandIn twilio = new TwilioStandIn(TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN);
        GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        mail.start();
        KeycloakProcess keycloak = KeycloakProcess.start(dist, bundle, KeycloakProcess.Mode.DEV, keycloakPort, "admin",
                List.of("--spi-authenticator--sfo-sms-code--twilio-base-url=" + twilio.baseUrl()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Keycloak and the Entra simulator...");
            keycloak.close();
            microsoft.close();
            twilio.close();
            mail.stop();
            stopped.countDown();
        }));

        KeycloakAdmin admin = keycloak.admin();
        String discovery = keycloak.discoveryUrl(REALM);
        DemoSettings settings = DemoTenant.create(admin, microsoft, REALM, keycloak.authorizationEndpoint(REALM).toString(), discovery,
                new DemoTenant.Outboxes(TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, mail.getSmtp().getPort()));
        DemoPages.addTo(microsoft, twilio, mail, admin, REALM);
        microsoft.setDemo(settings, keycloak.httpClientBuilder().build());

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
