package org.entrasfo.factor.transaction;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.utils.OIDCRedirectUriBuilder;
import org.keycloak.protocol.oidc.utils.OIDCResponseMode;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Contract 4, failure: an auto-submitting POST of {@code error}, {@code error_description} and {@code state} to the
 * redirect URI Keycloak already validated. The auth session ends with it: Entra starts a new transaction to retry.
 */
public final class EntraErrorResponse {

    public static final String ACCESS_DENIED = "access_denied";
    public static final String INVALID_REQUEST = "invalid_request";
    public static final String TEMPORARILY_UNAVAILABLE = "temporarily_unavailable";

    private EntraErrorResponse() {
    }

    /**
     * The same answer, on a page that first tells the user why (for refusals a user can act on, such as having no
     * factor): the button posts it to Entra. Works without JavaScript.
     */
    public static Response explainThenPost(AuthenticationFlowContext context, String messageKey, String error, String description) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("action", authSession.getRedirectUri());
        answer.put("error", error);
        answer.put("description", description == null ? "" : description);
        answer.put("state", Objects.toString(authSession.getClientNote(OIDCLoginProtocol.STATE_PARAM), ""));
        Response page = SigningInAs.addTo(context.form(), authSession).setAttribute("sfoEntraAnswer", answer).setError(messageKey).createForm(EXPLAIN_TEMPLATE);
        new AuthenticationSessionManager(context.getSession()).removeAuthenticationSession(authSession.getRealm(), authSession, true);
        return page;
    }

    static final String EXPLAIN_TEMPLATE = "sfo-entra-error.ftl";

    public static Response post(KeycloakSession session, AuthenticationSessionModel authSession, String error, String description) {
        String redirectUri = authSession.getRedirectUri();
        String state = authSession.getClientNote(OIDCLoginProtocol.STATE_PARAM);
        OIDCRedirectUriBuilder answer = OIDCRedirectUriBuilder.fromUri(redirectUri, OIDCResponseMode.FORM_POST, session, null)
                .addParam("error", error);
        if (description != null) {
            answer.addParam("error_description", description);
        }
        if (state != null) {
            answer.addParam(OIDCLoginProtocol.STATE_PARAM, state);
        }
        new AuthenticationSessionManager(session).removeAuthenticationSession(authSession.getRealm(), authSession, true);
        return answer.build();
    }
}
