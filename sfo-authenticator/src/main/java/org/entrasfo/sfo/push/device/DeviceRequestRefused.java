package org.entrasfo.sfo.push.device;

/**
 * A device request the realm will not act on: the HTTP status, the OAuth-style error, a readable reason and, once a
 * valid device signature or enrolment permission has named them, the user it concerns. Only a refusal with a user
 * becomes a Keycloak event: anonymous garbage must not make the realm write anything.
 */
public class DeviceRequestRefused extends Exception {

    private final int status;
    private final String error;
    private final String userId;

    public DeviceRequestRefused(int status, String error, String description) {
        this(status, error, description, null);
    }

    private DeviceRequestRefused(int status, String error, String description, String userId) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
        this.userId = userId;
    }

    public static DeviceRequestRefused invalidToken(String description) {
        return new DeviceRequestRefused(401, "invalid_token", description);
    }

    public static DeviceRequestRefused invalidRequest(String description) {
        return new DeviceRequestRefused(400, "invalid_request", description);
    }

    /** The same refusal, now known to concern the user {@code concernedUserId} (a check after the proof failed). */
    public DeviceRequestRefused concerning(String concernedUserId) {
        return userId != null || concernedUserId == null ? this : new DeviceRequestRefused(status, error, getMessage(), concernedUserId);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    /** The id of the user the request was proven to come from or to enrol for; null for an anonymous request. */
    public String userId() {
        return userId;
    }
}
