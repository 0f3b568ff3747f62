package org.entrasfo.entrasim;

/** What the demo start page needs to play Entra for one tenant realm and one user. */
public record DemoSettings(
        String authorizationEndpoint,
        String discoveryUrl,
        String clientId,
        String tenantId,
        String appId,
        String userObjectId,
        String userSubject,
        String preferredUsername,
        String displayName,
        String userOtpSecret) {
}
