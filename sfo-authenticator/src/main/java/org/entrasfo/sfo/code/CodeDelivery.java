package org.entrasfo.sfo.code;

import java.time.Duration;
import java.util.Optional;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.UserModel;

/** How one factor gets a code to the user (email, SMS); everything else about one-time codes is shared. */
public interface CodeDelivery {

    /** Where this user's codes go under the factor's settings (an address, an E.164 number), if anywhere. */
    Optional<String> destinationOf(UserModel user, AuthenticatorConfigModel config);

    /** Why {@link #destinationOf} found nothing, for the admin's event. */
    String noDestinationReason();

    /** The destination as a page may show it (a***@example.org, +49 ••• 67). */
    String mask(String destination);

    void deliver(AuthenticationFlowContext context, String destination, String code, Duration validFor)
            throws CodeDeliveryException;

    /** The event error when the user's cooldown or hourly quota refuses a send. */
    default String rateLimitedError() {
        return "sfo_code_rate_limited";
    }

    /** Whether a user without a destination may enrol one in the flow; only channels with a safe enrolment say yes. */
    default boolean enrolmentAllowed(UserModel user, AuthenticatorConfigModel config) {
        return false;
    }

    /** Checks and normalizes a destination the user typed while enrolling. */
    default String acceptNewDestination(String input, AuthenticatorConfigModel config) throws CodeDeliveryException {
        throw new CodeDeliveryException("sfo_enrolment_not_supported", "this channel has no enrolment");
    }

    /** Stores a destination once the user proved it with a code. */
    default void saveDestination(UserModel user, String destination, AuthenticatorConfigModel config) {
    }

    /** A delivery that failed for a reason the user can read about and the admin can see in the event. */
    class CodeDeliveryException extends Exception {

        private final String reason;
        private final String userMessage;

        public CodeDeliveryException(String reason, String detail) {
            this(reason, detail, "sfoCodeDeliveryFailed");
        }

        /** @param userMessage message key of what the user reads */
        public CodeDeliveryException(String reason, String detail, String userMessage) {
            super(detail, null, false, false);
            this.reason = reason;
            this.userMessage = userMessage;
        }

        public String reason() {
            return reason;
        }

        public String userMessage() {
            return userMessage;
        }
    }
}
