package org.entrasfo.sfo.helpdesk;

import java.time.Instant;

import org.entrasfo.sfo.FactorAvailability;
import org.entrasfo.sfo.SecondFactorAuthenticatorFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** The help desk's temporary code as a factor of the SFO flow; disabled until an admin enables it. */
public class HelpdeskCodeAuthenticatorFactory extends SecondFactorAuthenticatorFactory {

    public static final String PROVIDER_ID = "sfo-helpdesk-code";

    private static final HelpdeskCodeAuthenticator SINGLETON = new HelpdeskCodeAuthenticator();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getDisplayType() {
        return "SFO: help desk code";
    }

    @Override
    public String getReferenceCategory() {
        return HelpdeskCode.TYPE;
    }

    @Override
    public String getHelpText() {
        return "Second factor for a user who lost their device: a temporary code issued by a help desk operator "
                + "(realm role sfo-helpdesk) through the admin API. Reports the amr the operator chose.";
    }

    @Override
    public FactorAvailability availabilityFor(KeycloakSession session, RealmModel realm, UserModel user,
                                              AuthenticatorConfigModel config) {
        return HelpdeskCodeAuthenticator.provider(session).usableCode(user, Instant.now()).isPresent()
                ? FactorAvailability.usable()
                : FactorAvailability.unavailable("no valid help desk code");
    }
}
