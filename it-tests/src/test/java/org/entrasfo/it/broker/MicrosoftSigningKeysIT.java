package org.entrasfo.it.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.support.EntraRoundTrip.newBrowser;
import static org.entrasfo.it.support.EntraRoundTrip.signIn;

import java.nio.file.Files;
import java.time.Duration;

import org.entrasfo.entrasim.EntraSimulator;
import org.entrasfo.entrasim.FormPost;
import org.entrasfo.entrasim.MicrosoftCloud;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.KeycloakClock;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.TenantRealm;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Isolated;

/** Contract 3.3: keys only from the pinned JWKS, fetched rarely, and Microsoft's outages and key rolls survived. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
// Runs alone: it moves Keycloak's clock and rotates the Entra simulator's keys, which every other class uses.
@Isolated
class MicrosoftSigningKeysIT {

    private final EntraSimulator microsoft = KeycloakUnderTest.simulator();
    private final TenantRealm realm = TenantRealm.of(MicrosoftCloud.GLOBAL);

    @Test
    @Order(1)
    void fetchesTheJwksAtMostOnceFor200ConsecutiveSignIns() {
        EntraUser user = realm.newUser();
        signIn(newBrowser(), realm, user, realm.requestWith(realm.hintFor(user).sign()));
        microsoft.resetJwksHits();

        for (int i = 0; i < 200; i++) {
            FormPost answer = signIn(newBrowser(), realm, user, realm.requestWith(realm.hintFor(user).sign()));
            assertThat(answer.fields()).as("sign-in %d", i).containsKey("id_token");
        }

        assertThat(microsoft.jwksHits()).isLessThanOrEqualTo(1);
    }

    @Test
    @Order(2)
    void keepsSigningInWithCachedKeysWhileMicrosoftsJwksIsDown() {
        EntraUser user = realm.newUser();
        signIn(newBrowser(), realm, user, realm.requestWith(realm.hintFor(user).sign()));
        microsoft.setJwksAvailable(false);
        try {
            for (int i = 0; i < 5; i++) {
                FormPost answer = signIn(newBrowser(), realm, user, realm.requestWith(realm.hintFor(user).sign()));
                assertThat(answer.fields()).containsKey("id_token");
            }
        } finally {
            microsoft.setJwksAvailable(true);
        }
    }

    @Test
    @Order(3)
    void warnsThatTheRealmTrustsAKeySourceOtherThanMicrosofts() throws Exception {
        EntraUser user = realm.newUser();
        signIn(newBrowser(), realm, user, realm.requestWith(realm.hintFor(user).sign()));

        String log = Files.readString(KeycloakUnderTest.keycloak().logFile());
        assertThat(log).contains("Realm " + realm.name() + " trusts a custom Entra authority")
                .contains(microsoft.jwksUrl());
    }

    @Test
    @Order(4)
    void picksUpAKeyMicrosoftRolledWithoutNotice() {
        EntraUser user = realm.newUser();
        // Past the refetch rate limit the tests configure (2 s), as past Microsoft's real one, on Keycloak's clock.
        try (KeycloakClock later = KeycloakClock.movedForward(Duration.ofSeconds(3))) {
            microsoft.rotateKey();
            microsoft.resetJwksHits();

            FormPost answer = signIn(newBrowser(), realm, user, realm.requestWith(realm.hintFor(user).sign()));

            assertThat(answer.fields()).containsKey("id_token");
            assertThat(microsoft.jwksHits()).isEqualTo(1);
        }
    }
}
