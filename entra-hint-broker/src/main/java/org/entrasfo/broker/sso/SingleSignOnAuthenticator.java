package org.entrasfo.broker.sso;

import org.entrasfo.factor.realm.TenantRealms;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.browser.CookieAuthenticator;

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
        if (TenantRealms.isEntraClient(context.getAuthenticationSession().getClient())) {
            context.attempted();
            return;
        }
        super.authenticate(context);
    }
}
