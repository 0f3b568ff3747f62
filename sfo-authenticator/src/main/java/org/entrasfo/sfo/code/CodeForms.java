package org.entrasfo.sfo.code;

import java.time.Instant;
import java.util.Optional;

import jakarta.ws.rs.core.Response;
import org.entrasfo.factor.ServerClock;
import org.entrasfo.factor.transaction.SigningInAs;
import org.keycloak.authentication.AuthenticationFlowContext;

/**
 * The pages of a code factor. The code page says a code was sent only while this auth session holds a valid one;
 * after it expired or was voided, or when no code could be sent, it says there is none and offers to send a new one.
 */
final class CodeForms {

    static final String TEMPLATE = "sfo-code.ftl";
    static final String ENROL_TEMPLATE = "sfo-code-enrol.ftl";

    private final String factor;
    private final CodeDelivery delivery;

    CodeForms(String factor, CodeDelivery delivery) {
        this.factor = factor;
        this.delivery = delivery;
    }

    Response code(AuthenticationFlowContext context, String destination, String error, Object... parameters) {
        Instant now = ServerClock.now();
        Optional<IssuedCode> valid = IssuedCode.loadValid(context.getAuthenticationSession(), factor, now);
        boolean pending = valid.isPresent();
        OneTimeCodeSettings settings = OneTimeCodeSettings.of(context.getAuthenticatorConfig());
        var form = SigningInAs.addTo(context.form(), context.getAuthenticationSession())
                .setAttribute("sfoCodePending", pending)
                .setAttribute("sfoDestination", delivery.mask(destination))
                .setAttribute("sfoFactor", factor);
        if (pending) {
            form.setAttribute("sfoValidMinutes", Math.max(1, settings.validity().toMinutes()))
                    .setAttribute("sfoCodeSecondsLeft", valid.get().secondsLeft(now));
        }
        // The live countdown to "send again" (the words on the page say it without script when a send is refused).
        form.setAttribute("sfoResendSecondsLeft", new CodeSendLimits(context.getSession().singleUseObjects())
                .cooldownLeft(context.getRealm().getId(), context.getUser().getId(), factor, settings, now));
        if (error != null) {
            form.setError(error, parameters);
        }
        return form.createForm(TEMPLATE);
    }

    Response enrolment(AuthenticationFlowContext context, String error) {
        var form = SigningInAs.addTo(context.form(), context.getAuthenticationSession())
                .setAttribute("sfoFactor", factor);
        if (error != null) {
            form.setError(error);
        }
        return form.createForm(ENROL_TEMPLATE);
    }
}
