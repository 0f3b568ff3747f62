package org.entrasfo.sfo.code;

import java.time.Duration;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.UserModel;

/** How one factor gets a code to the user (email, SMS); everything else about one-time codes is shared. */
public interface CodeDelivery {

    /** Whether this user has somewhere this channel may send to, under the factor's settings. */
    boolean canDeliverTo(UserModel user, OneTimeCodeSettings settings);

    /** Where the code went, masked for the page (a***@example.org). */
    String maskedDestination(UserModel user);

    void deliver(AuthenticationFlowContext context, String code, Duration validFor, OneTimeCodeSettings settings)
            throws CodeDeliveryException;

    /** A delivery that failed for a reason the user can read about and the admin can see in the event. */
    class CodeDeliveryException extends Exception {

        private final String reason;

        public CodeDeliveryException(String reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }
}
