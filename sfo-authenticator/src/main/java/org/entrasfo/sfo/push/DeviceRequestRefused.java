package org.entrasfo.sfo.push;

/** A device request the realm will not act on: the HTTP status, the OAuth-style error and a readable reason. */
public class DeviceRequestRefused extends Exception {

    private final int status;
    private final String error;

    public DeviceRequestRefused(int status, String error, String description) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
    }

    public static DeviceRequestRefused invalidToken(String description) {
        return new DeviceRequestRefused(401, "invalid_token", description);
    }

    public static DeviceRequestRefused invalidRequest(String description) {
        return new DeviceRequestRefused(400, "invalid_request", description);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }
}
