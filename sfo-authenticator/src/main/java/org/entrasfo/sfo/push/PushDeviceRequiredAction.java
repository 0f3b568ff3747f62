package org.entrasfo.sfo.push;

import org.entrasfo.broker.transaction.EntraEvents;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Enrols another push device from the Account Console ("Set up push approval"), or when an admin asks a user to: the
 * same QR code and wait as in the flow. Done when the device has enrolled; the user may cancel like any
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
    public void requiredActionChallenge(RequiredActionContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (!PushEnrolmentPage.isEnrolling(authSession) || PushEnrolmentPage.expired(authSession)) {
            PushEnrolmentPage.start(context.getSession(), context.getRealm(), context.getUser(), authSession);
        }
        context.challenge(PushEnrolmentPage.form(context.form(), authSession, null));
    }

    @Override
    public void processAction(RequiredActionContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
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
