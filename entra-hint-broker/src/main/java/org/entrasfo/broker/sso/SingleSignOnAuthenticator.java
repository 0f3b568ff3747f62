package org.entrasfo.broker.sso;

import org.entrasfo.factor.realm.TenantRealms;
import org.entrasfo.factor.transaction.FreshFactor;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.browser.CookieAuthenticator;
import org.keycloak.authentication.authenticators.util.AcrStore;
import org.keycloak.models.Constants;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.messages.Messages;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Keycloak's own SSO cookie check, for the tenant realm's other applications only. The SSO session an Entra transaction
 * leaves gives its user single sign-on to the realm's portals and the Account Console, as the original product does;
 * Entra's own requests never: each of them runs the hint and a fresh second factor (contract 6). When Keycloak asks
 * the signed-in user to authenticate again (a credential change, {@code prompt=login}, {@code max_age}, step-up), this
 * step identifies the user and lets the rest of the flow ask for a fresh factor.
 */
public class SingleSignOnAuthenticator extends CookieAuthenticator {

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (TenantRealms.isEntraClient(authSession.getClient())) {
            context.attempted();
            return;
        }
        if (FreshFactor.isForAFactorChange(authSession)) {
            identifyForAFactor(context);
            return;
        }
        super.authenticate(context);
    }

    /**
     * An application action (the Account Console's "Set up" or "Remove") never rides on the cookie, whatever maximum
     * age the action has: Keycloak compares whole seconds, so a session signed in during this very second (with a face,
     * say) would count as fresh. The cookie names the user; the flow asks for a factor, as in Keycloak's own
     * re-authentication.
     */
    private static void identifyForAFactor(AuthenticationFlowContext context) {
        AuthenticationManager.AuthResult signedIn = AuthenticationManager.authenticateIdentityCookie(context.getSession(),
                context.getRealm(), true);
        if (signedIn != null) {
            context.setUser(signedIn.user());
            new AcrStore(context.getSession(), context.getAuthenticationSession()).setLevelAuthenticatedToCurrentRequest(Constants.NO_LOA);
            context.getAuthenticationSession().setAuthNote(AuthenticationManager.FORCED_REAUTHENTICATION, "true");
            context.setForwardedInfoMessage(Messages.REAUTHENTICATE);
        }
        context.attempted();
    }
}
