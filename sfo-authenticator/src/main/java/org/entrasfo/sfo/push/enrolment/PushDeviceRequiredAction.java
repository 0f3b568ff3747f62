package org.entrasfo.sfo.push.enrolment;

import org.entrasfo.factor.transaction.EntraEvents;
import org.entrasfo.sfo.CredentialChangeGuard;
import org.entrasfo.sfo.push.PushApprovalAuthenticator;
import org.entrasfo.sfo.push.PushDeviceCredential;
import org.entrasfo.sfo.push.PushDeviceCredentialProvider;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Enrols another push device from the Account Console ("Set up push approval"), or when an admin asks a user to: the
 * same QR code and wait as in the flow, allowed only right after the user passed an existing second factor in this
 * sign-in ({@link CredentialChangeGuard}). Done when the device has enrolled; the user may cancel like any
 * application-initiated action.
 */
public class PushDeviceRequiredAction implements RequiredActionProvider {

    /** Users start it themselves from the Account Console ({@code kc_action=sfo-push-enrol}). */
    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.SUPPORTED;
    }

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
    }

    @Override
    public int getMaxAuthAge(KeycloakSession session) {
        return CredentialChangeGuard.ALWAYS_AUTHENTICATE_AGAIN;
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (!PushEnrolmentPage.isEnrolling(authSession) || PushEnrolmentPage.expired(authSession)) {
            if (!CredentialChangeGuard.allows(context, PushDeviceRequiredActionFactory.PROVIDER_ID)) {
                return;
            }
            PushEnrolmentPage.start(context.getSession(), context.getRealm(), context.getUser(), authSession);
        }
        context.challenge(PushEnrolmentPage.form(context.form(), authSession, null));
    }

    /**
     * Completes the enrolment the guarded challenge started (its token lives five minutes, longer than the factor's
     * freshness); starting another one needs a fresh factor again.
     */
    @Override
    public void processAction(RequiredActionContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (!PushEnrolmentPage.isEnrolling(authSession) && !CredentialChangeGuard.allows(context, PushDeviceRequiredActionFactory.PROVIDER_ID)) {
            return;
        }
        String action = context.getHttpRequest().getDecodedFormParameters().getFirst(PushApprovalAuthenticator.ACTION_FIELD);
        var device = PushEnrolmentPage.enrolledDevice(context.getSession(), authSession)
                .filter(id -> PushDeviceCredentialProvider.deviceOf(context.getUser(), id).isPresent());
        if (device.isPresent()) {
            PushEnrolmentPage.finish(authSession);
            context.getEvent().detail("credential_type", PushDeviceCredential.TYPE).detail("credential_id", device.get())
                    .detail(EntraEvents.REASON, "push device enrolled");
            context.success();
            return;
        }
        if ("resend".equals(action) || PushEnrolmentPage.expired(authSession)) {
            if (!CredentialChangeGuard.allows(context, PushDeviceRequiredActionFactory.PROVIDER_ID)) {
                return;
            }
            PushEnrolmentPage.start(context.getSession(), context.getRealm(), context.getUser(), authSession);
            context.challenge(PushEnrolmentPage.form(context.form(), authSession, null));
            return;
        }
        context.challenge(PushEnrolmentPage.form(context.form(), authSession, "sfoPushEnrolNotYet"));
    }

    @Override
    public void close() {
    }
}
