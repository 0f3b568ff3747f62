package org.entrasfo.broker;

import java.util.Locale;
import java.util.Set;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.entrasfo.factor.ServerClock;
import org.entrasfo.factor.realm.TenantRealms;
import org.entrasfo.broker.hint.EntraAuthority;
import org.entrasfo.broker.hint.EntraHint;
import org.entrasfo.broker.hint.EntraHintValidator;
import org.entrasfo.broker.keys.MicrosoftSigningKeys;
import org.entrasfo.broker.link.BindingAudit;
import org.entrasfo.broker.link.EntraUserLinker;
import org.entrasfo.broker.link.UserLinkException;
import org.entrasfo.factor.transaction.AuthenticationMethod;
import org.entrasfo.factor.transaction.EntraErrorResponse;
import org.entrasfo.factor.transaction.EntraEvents;
import org.entrasfo.factor.transaction.EntraReplayGuard;
import org.entrasfo.factor.transaction.EntraTransaction;
import org.entrasfo.factor.transaction.Reauthentication;
import org.entrasfo.factor.transaction.RequestedAuthentication;
import org.entrasfo.factor.transaction.SigningInAs;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.endpoints.AuthorizationEndpoint;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * First step of the second-factor-only flow: turns Entra's signed statement that the user passed the first factor
 * into the user of this auth session. It never asks the user anything; every refusal is either a local error page
 * (when Entra's redirect URI cannot be trusted) or an OIDC error posted back to Entra, each with an event.
 */
public class EntraHintBrokerAuthenticator implements Authenticator {

    static final String ID_TOKEN_HINT = "id_token_hint";
    static final String CLIENT_REQUEST_ID = "client-request-id";
    static final String ERROR_NO_SSO_SESSION = "sfo_no_sso_session";

    private static final Logger LOG = Logger.getLogger(EntraHintBrokerAuthenticator.class);

    private final MicrosoftSigningKeys signingKeys;
    private final CustomAuthorityWarnings customAuthorityWarnings;
    /** What the deployed factors can report; a request admitting none of them cannot be served at all. */
    private final Set<AuthenticationMethod> reportable;

    public EntraHintBrokerAuthenticator(MicrosoftSigningKeys signingKeys, CustomAuthorityWarnings customAuthorityWarnings,
                                        Set<AuthenticationMethod> reportable) {
        this.signingKeys = signingKeys;
        this.customAuthorityWarnings = customAuthorityWarnings;
        this.reportable = reportable;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        EntraHintBrokerConfig config = EntraHintBrokerConfig.of(context.getAuthenticatorConfig());
        if (!TenantRealms.isEntraClient(authSession.getClient())) {
            continueWithSignedInUser(context, config);
            return;
        }
        String clientRequestId = trimmed(requestParameter(context, CLIENT_REQUEST_ID));
        // Not trimmed: the validator accepts the hint only exactly as Entra spells it (contract 3.8).
        String hint = requestParameter(context, ID_TOKEN_HINT);
        // The raw hint is personal data; Keycloak would otherwise copy it into the user session.
        authSession.removeClientNote(AuthorizationEndpoint.LOGIN_SESSION_NOTE_ADDITIONAL_REQ_PARAMS_PREFIX + ID_TOKEN_HINT);
        EventBuilder event = context.getEvent();
        if (clientRequestId != null) {
            event.detail(EntraEvents.CLIENT_REQUEST_ID, clientRequestId);
        }

        config.tenantId().ifPresent(tenant -> event.detail(EntraEvents.TENANT_ID, tenant));
        warnAboutACustomAuthority(context, config);
        EntraReplayGuard replayGuard = new EntraReplayGuard(context.getSession(), context.getRealm());
        String clientId = authSession.getClient().getClientId();
        EntraRequestChecks.Verdict verdict = new EntraRequestChecks(config,
                (presented, tenant, authority) -> new EntraHintValidator(config.hintPolicy(tenant, clientId),
                        signingKeys.forJwksUrl(authority.jwksUrl())).validate(presented, ServerClock.now()),
                (validated, nonce, requestId) -> replayGuard.isSpent(validated.signatureDigest(), validated.uniqueTokenId(), nonce, requestId),
                reportable)
                .check(new EntraRequestChecks.Request(authSession.getRedirectUri(),
                        authSession.getClientNote(OIDCLoginProtocol.RESPONSE_TYPE_PARAM), authSession.getClientNote(OIDCLoginProtocol.RESPONSE_MODE_PARAM),
                        authSession.getClientNote(OIDCLoginProtocol.CLAIMS_PARAM), hint, authSession.getClientNote(OIDCLoginProtocol.NONCE_PARAM),
                        clientRequestId));
        if (verdict instanceof EntraRequestChecks.AnsweredLocally local) {
            refuseLocally(context, local.error(), local.detail());
            return;
        }
        if (verdict instanceof EntraRequestChecks.Refused refused) {
            postError(context, refused.oidcError(), refused.error(), refused.description(), refused.detail());
            return;
        }
        EntraRequestChecks.Admitted admitted = (EntraRequestChecks.Admitted) verdict;
        EntraHint validated = admitted.hint();
        RequestedAuthentication requested = admitted.requested();
        String nonce = authSession.getClientNote(OIDCLoginProtocol.NONCE_PARAM);

        EntraUserLinker.LinkedUser linked;
        try {
            BindingAudit audit = new BindingAudit(context.getSession(), context.getRealm(), authSession.getClient(), context.getConnection());
            linked = new EntraUserLinker(context.getSession(), context.getRealm(), config.unknownUserPolicy(), config.linkAttribute(), audit)
                    .link(validated);
        } catch (UserLinkException e) {
            event.detail("entra_oid", validated.objectId());
            postError(context, EntraErrorResponse.ACCESS_DENIED, e.reason(), "The user is not enabled for this external MFA provider.", e.getMessage());
            return;
        }
        UserModel user = linked.user();
        if (!user.isEnabled()) {
            event.user(user);
            postError(context, EntraErrorResponse.ACCESS_DENIED, "user_disabled", "The user is disabled.", "user disabled");
            return;
        }

        int replayWindow = (int) (config.maxHintAge().plus(config.clockSkew()).toSeconds() * 2);
        new EntraTransaction(validated.subject(), validated.objectId(), validated.tenantId(), clientRequestId,
                validated.signatureDigest(), validated.uniqueTokenId(), nonce, requested, config.levelOfAuthentication(),
                replayWindow).saveTo(authSession);
        SigningInAs.ofClaims(validated.name(), validated.preferredUsername()).saveTo(authSession);
        signOutOtherUser(context, user);
        event.user(user).detail("entra_oid", validated.objectId()).detail("entra_link", linked.how().name().toLowerCase(Locale.ROOT));
        if (linked.criterion() != null) {
            event.detail("entra_linked_by", linked.criterion().value());
        }
        context.setUser(user);
        context.success();
    }

    /**
     * Another application of the realm: its first factor is the SSO session an Entra transaction left, which the single
     * sign-on step names when Keycloak asks the user to authenticate again; the factors that follow are fresh. Without
     * such a session there is nothing to continue from: no password, no username form, ever.
     */
    private static void continueWithSignedInUser(AuthenticationFlowContext context, EntraHintBrokerConfig config) {
        UserModel user = context.getUser();
        if (user == null) {
            context.getEvent().detail(EntraEvents.REASON, "no SSO session: the realm's applications are reached through Entra first")
                    .error(ERROR_NO_SSO_SESSION);
            Response page = context.form().setError("sfoSignInThroughEntra").createErrorPage(Response.Status.UNAUTHORIZED);
            context.failure(AuthenticationFlowError.ACCESS_DENIED, page);
            return;
        }
        Reauthentication.start(context.getAuthenticationSession(), config.levelOfAuthentication());
        context.getEvent().user(user).detail(EntraEvents.REASON, "the signed-in user authenticates again with a second factor");
        context.success();
    }

    private void warnAboutACustomAuthority(AuthenticationFlowContext context, EntraHintBrokerConfig config) {
        try {
            EntraAuthority authority = config.authority();
            if (authority.custom()) {
                customAuthorityWarnings.warnOnce(context.getRealm(), authority);
            }
        } catch (IllegalArgumentException e) {
            // answered locally by the checks
        }
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        // The broker never shows a form; a POST to it belongs to a transaction that already ended.
        postError(context, EntraErrorResponse.INVALID_REQUEST, "entra_transaction_ended",
                "This sign-in request has ended.", "unexpected form post to the hint broker");
    }

    /**
     * A shared workstation may still hold another user's SSO session. Keycloak would stop with "you are already
     * signed in as a different user"; Entra has just said who is at the keyboard, so the old session ends instead.
     * Only the user session is removed: this auth session shares its id and must live on.
     */
    private static void signOutOtherUser(AuthenticationFlowContext context, UserModel user) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        UserSessionModel existing = session.sessions().getUserSession(realm, context.getAuthenticationSession().getParentSession().getId());
        if (existing == null || existing.getUser() == null || existing.getUser().getId().equals(user.getId())) {
            return;
        }
        LOG.debugf("Ending the SSO session of user %s before an Entra transaction for user %s", existing.getUser().getId(), user.getId());
        context.getEvent().detail("previous_user", existing.getUser().getId());
        new EventBuilder(realm, session, context.getConnection()).event(EventType.LOGOUT)
                .user(existing.getUser()).session(existing)
                .detail(EntraEvents.REASON, "another user signed in on this browser through Entra")
                .success();
        session.sessions().removeUserSession(realm, existing);
    }

    private static String requestParameter(AuthenticationFlowContext context, String name) {
        String value = null;
        if (HttpMethod.POST.equals(context.getHttpRequest().getHttpMethod())) {
            MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
            value = form == null ? null : form.getFirst(name);
        }
        if (value == null) {
            value = context.getUriInfo().getQueryParameters().getFirst(name);
        }
        if (value == null) {
            // Kept by Keycloak only when short enough; a fallback for flows restarted after the first request.
            value = context.getAuthenticationSession().getClientNote(AuthorizationEndpoint.LOGIN_SESSION_NOTE_ADDITIONAL_REQ_PARAMS_PREFIX + name);
        }
        return value == null || value.isBlank() ? null : value;
    }

    private static String trimmed(String value) {
        return value == null ? null : value.trim();
    }

    private static void postError(AuthenticationFlowContext context, String oidcError, String reason, String description, String detail) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        context.getEvent().detail(EntraEvents.REASON, detail).error(reason);
        LOG.debugf("Entra transaction refused in realm %s: %s (%s)", context.getRealm().getName(), reason, detail);
        Response answer = EntraErrorResponse.post(context.getSession(), authSession, oidcError, description);
        context.forceChallenge(answer);
    }

    private static void refuseLocally(AuthenticationFlowContext context, String reason, String detail) {
        context.getEvent().detail(EntraEvents.REASON, detail).error(reason);
        LOG.warnf("Entra request refused in realm %s: %s", context.getRealm().getName(), detail);
        Response page = context.form().setError("entraSfoRequestRefused").createErrorPage(Response.Status.BAD_REQUEST);
        context.failure(AuthenticationFlowError.GENERIC_AUTHENTICATION_ERROR, page);
    }


    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
