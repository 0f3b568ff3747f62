package org.entrasfo.sfo.push.enrolment;

import org.keycloak.representations.JsonWebToken;

/**
 * What the enrolment QR code carries: the user and the enrolment it starts, signed by the realm with the same internal
 * key as Keycloak's own action tokens (a device never needs to verify it; the realm does, once).
 */
public class PushEnrolmentToken extends JsonWebToken {

    public static final String TYPE = "sfo-push-enrolment";
}
