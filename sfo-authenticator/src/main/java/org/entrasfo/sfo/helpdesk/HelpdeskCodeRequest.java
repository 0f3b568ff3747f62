package org.entrasfo.sfo.helpdesk;

import java.time.Duration;

import org.entrasfo.factor.transaction.AuthenticationMethod;

/**
 * What the operator asks for. Every field but the username has a default: valid one hour (or the realm's longest
 * validity, if shorter), single use, amr {@code otp}.
 */
public record HelpdeskCodeRequest(String username, Integer validMinutes, Boolean singleUse, Integer uses, String amr) {

    static final int DEFAULT_VALID_MINUTES = 60;

    /** A request checked against the realm's limits. */
    record Order(Duration validity, int uses, AuthenticationMethod method) {
    }

    String trimmedUsername() {
        return username == null || username.isBlank() ? null : username.trim();
    }

    Order check(HelpdeskCodeLimits limits) throws HelpdeskCodeRefusal {
        long maxMinutes = limits.maxValidity().toMinutes();
        long minutes = validMinutes == null ? Math.min(DEFAULT_VALID_MINUTES, maxMinutes) : validMinutes;
        if (minutes < 1 || minutes > maxMinutes) {
            throw HelpdeskCodeRefusal.badRequest("validMinutes", "Between 1 and " + maxMinutes + " minutes in this realm.");
        }
        AuthenticationMethod method = HelpdeskCode.honestMethod(amr == null ? AuthenticationMethod.OTP.amr() : amr.trim())
                .orElseThrow(() -> HelpdeskCodeRefusal.badRequest("amr",
                        "A typed code stands for a possession factor only: otp, hwk, swk, sms or tel."));
        return new Order(Duration.ofMinutes(minutes), uses(limits), method);
    }

    /** Single use unless asked otherwise; {@code singleUse: false} alone asks for as many uses as the realm allows. */
    private int uses(HelpdeskCodeLimits limits) throws HelpdeskCodeRefusal {
        boolean single = singleUse == null || singleUse;
        if (uses == null) {
            if (!single && limits.maxUses() < 2) {
                throw HelpdeskCodeRefusal.badRequest("singleUse", "This realm allows single-use help desk codes only.");
            }
            return single ? 1 : limits.maxUses();
        }
        if (uses < 1 || uses > limits.maxUses()) {
            throw HelpdeskCodeRefusal.badRequest("uses", limits.maxUses() == 1
                    ? "This realm allows single-use help desk codes only."
                    : "Between 1 and " + limits.maxUses() + " uses in this realm.");
        }
        if (single && uses > 1 && singleUse != null) {
            throw HelpdeskCodeRefusal.badRequest("uses", "A single-use code has one use; set singleUse to false.");
        }
        return uses;
    }
}
