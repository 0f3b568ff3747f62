package org.entrasfo.sfo.pages;

import java.util.Locale;
import java.util.Properties;

import jakarta.ws.rs.core.UriBuilder;
import org.entrasfo.factor.realm.TenantRealms;
import org.entrasfo.factor.transaction.LastFactor;
import org.entrasfo.factor.transaction.SigningInAs;
import org.keycloak.forms.login.LoginFormsPages;
import org.keycloak.forms.login.freemarker.FreeMarkerLoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.theme.Theme;

/**
 * Keycloak's page rendering plus, in a tenant realm, what every page of the theme shows: who is signing in (from this
 * request's own auth session, as {@link SigningInAs} keeps it) and the factor the user passed last, which the factor
 * choice lists first. What a page set itself wins. Nothing else changes, and nothing changes outside tenant realms.
 */
public class TenantLoginFormsProvider extends FreeMarkerLoginFormsProvider {

    /** The attribute with the id of the factor the user passed last ({@link LastFactor}). */
    public static final String PREFERRED_FACTOR_ATTRIBUTE = "sfoPreferredFactor";

    public TenantLoginFormsProvider(KeycloakSession session) {
        super(session);
    }

    @Override
    protected void createCommonAttributes(Theme theme, Locale locale, Properties messagesBundle, UriBuilder baseUriBuilder, LoginFormsPages page) {
        super.createCommonAttributes(theme, locale, messagesBundle, baseUriBuilder, page);
        // The auth session is the one Keycloak bound to this request (its cookie and tab id), so a page never shows
        // another sign-in's user; without one (error pages after it ended) nothing is added.
        if (!TenantRealms.isTenantRealm(realm) || authenticationSession == null) {
            return;
        }
        SigningInAs.of(authenticationSession).ifPresent(who -> attributes.putIfAbsent(SigningInAs.ATTRIBUTE, who));
        if (authenticationSession.getClient() != null) {
            attributes.putIfAbsent(SigningInAs.APPLICATION_ATTRIBUTE, authenticationSession.getClient().getName());
        }
        LastFactor.of(authenticationSession.getAuthenticatedUser())
                .ifPresent(factor -> attributes.putIfAbsent(PREFERRED_FACTOR_ATTRIBUTE, factor));
    }
}
