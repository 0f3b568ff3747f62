package org.entrasfo.sfo.helpdesk;

import java.time.Instant;
import java.util.Optional;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.entrasfo.factor.ServerClock;
import org.entrasfo.factor.transaction.EntraEvents;
import org.entrasfo.factor.transaction.EntraTransaction;
import org.entrasfo.factor.transaction.SecondFactorCompletion;
import org.entrasfo.factor.transaction.SigningInAs;
import org.entrasfo.sfo.BruteForceLockout;
import org.entrasfo.sfo.code.OneTimeCodeAuthenticator;
import org.entrasfo.sfo.policy.SecondFactorPolicy;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.entrasfo.sfo.SecondFactorAuthenticator;
import org.entrasfo.factor.transaction.AuthenticationMethod;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The help desk's temporary code: the user types the code an operator issued; it reports the possession amr the
 * operator chose. Wrong codes count for brute-force detection like every factor's; a use is spent only by a sign-in
 * that completed, and never more often than the code and the realm allow.
 */
public class HelpdeskCodeAuthenticator extends SecondFactorAuthenticator {

    static final String FACTOR = "helpdesk";
    private static final String USED_UP = "sfoHelpdeskCodeUsedUp";

    HelpdeskCodeAuthenticator(HelpdeskCodeAuthenticatorFactory factory) {
        super(factory, FACTOR);
    }

    /** The possession amr the operator chose for the user's code. */
    @Override
    protected AuthenticationMethod methodFor(AuthenticationFlowContext context) {
        return provider(context.getSession()).usableCode(context.getUser(), ServerClock.now(), limits(context))
                .map(HelpdeskCode::method).orElse(AuthenticationMethod.OTP);
    }

    @Override
    protected void challenge(AuthenticationFlowContext context) {
        context.challenge(form(context, null));
    }

    /** Worded like a wrong code, as Keycloak does, so the page does not reveal the lock-out. */
    @Override
    protected Response lockedOutPage(AuthenticationFlowContext context, String bruteForceError) {
        return form(context, "sfoCodeInvalid");
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        tag(context);
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        if (form.containsKey("cancel")) {
            SecondFactorCompletion.giveUp(context, false);
            return;
        }
        if (lockedOut(context)) {
            return;
        }
        HelpdeskCodeLimits limits = limits(context);
        Instant now = ServerClock.now();
        HelpdeskCodeCredentialProvider provider = provider(context.getSession());
        Optional<HelpdeskCode> code = provider.usableCode(context.getUser(), now, limits);
        if (code.isEmpty()) {
            context.getEvent().detail(EntraEvents.REASON, "help desk code expired or spent").error(Errors.EXPIRED_CODE);
            context.challenge(form(context, USED_UP));
            return;
        }
        if (!code.get().hash().matches(form.getFirst("code"))) {
            context.getEvent().detail(EntraEvents.REASON, "wrong help desk code").error(Errors.INVALID_USER_CREDENTIALS);
            BruteForceLockout.failureChallenge(context, AuthenticationFlowError.INVALID_CREDENTIALS, form(context, "sfoCodeInvalid"));
            return;
        }
        complete(context, provider, code.get(), limits, now);
    }

    /**
     * The right code: one of its uses is claimed before the transaction completes, and spent only if it did complete.
     * Two browsers typing a single-use code at once get at most one token; a completion refused at the last moment
     * (a replayed transaction) leaves the code working.
     */
    private static void complete(AuthenticationFlowContext context, HelpdeskCodeCredentialProvider provider, HelpdeskCode code,
                                 HelpdeskCodeLimits limits, Instant now) {
        int allowedUses = code.allowedUses(limits);
        HelpdeskCodeUses uses = new HelpdeskCodeUses(context.getSession().singleUseObjects());
        Optional<HelpdeskCodeUses.Claim> claim = uses.claim(code, allowedUses, code.expiresAt(limits), now);
        if (claim.isEmpty()) {
            context.getEvent().detail(EntraEvents.REASON, "help desk code already used as often as allowed").error(Errors.EXPIRED_CODE);
            context.challenge(form(context, USED_UP));
            return;
        }
        context.getEvent().detail("issued_by", code.issuedBy());
        if (!SecondFactorCompletion.succeed(context, code.method())) {
            uses.release(claim.get());
            return;
        }
        if (uses.allTaken(code, allowedUses)) {
            provider.deleteCredential(context.getRealm(), context.getUser(), code.credentialId());
        }
    }

    private static Response form(AuthenticationFlowContext context, String error) {
        var form = SigningInAs.addTo(context.form(), context.getAuthenticationSession())
                .setAttribute("sfoFactor", FACTOR)
                .setAttribute("sfoDestination", "")
                .setAttribute("sfoResend", false);
        if (error != null) {
            form.setError(error);
        }
        return form.createForm(OneTimeCodeAuthenticator.TEMPLATE);
    }

    private static HelpdeskCodeLimits limits(AuthenticationFlowContext context) {
        return HelpdeskCodeLimits.of(context.getAuthenticatorConfig());
    }

    static HelpdeskCodeCredentialProvider provider(KeycloakSession session) {
        return (HelpdeskCodeCredentialProvider) session.getProvider(CredentialProvider.class, HelpdeskCodeCredentialProviderFactory.PROVIDER_ID);
    }
}
