package org.entrasfo.it.support;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.virtualauthenticator.Credential;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * A security key or passkey in Chromium: Chromium's virtual authenticator, through Selenium's
 * {@link HasVirtualAuthenticator}, plugged in as a roaming USB key that answers at once (presence always given).
 */
public enum VirtualSecurityKey {

    /** A FIDO2 key with a PIN or fingerprint that keeps the credential on the key (a passkey). */
    CTAP2_RESIDENT_WITH_USER_VERIFICATION(VirtualAuthenticatorOptions.Protocol.CTAP2, true, true),
    /** A FIDO2 key without PIN or fingerprint whose credential lives with the server. */
    CTAP2_NON_RESIDENT_WITHOUT_USER_VERIFICATION(VirtualAuthenticatorOptions.Protocol.CTAP2, false, false),
    /** An older U2F key: no user verification, no resident credentials. */
    U2F(VirtualAuthenticatorOptions.Protocol.U2F, false, false);

    private final VirtualAuthenticatorOptions.Protocol protocol;
    private final boolean resident;
    private final boolean userVerification;

    VirtualSecurityKey(VirtualAuthenticatorOptions.Protocol protocol, boolean resident, boolean userVerification) {
        this.protocol = protocol;
        this.resident = resident;
        this.userVerification = userVerification;
    }

    public boolean resident() {
        return resident;
    }

    /** Plugs the key into the browser; it stays until {@link VirtualAuthenticator#remove} or the browser quits. */
    public VirtualAuthenticator pluggedInto(WebDriver driver) {
        return ((HasVirtualAuthenticator) driver).addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(protocol)
                .setTransport(VirtualAuthenticatorOptions.Transport.USB)
                .setHasResidentKey(resident)
                .setHasUserVerification(userVerification)
                .setIsUserVerified(userVerification)
                .setIsUserConsenting(true));
    }

    /** The credentials on the key that Keycloak registered for the user with this id (Keycloak's user handle). */
    public static List<Credential> credentialsOf(VirtualAuthenticator key, String keycloakUserId) {
        return key.getCredentials().stream()
                .filter(c -> c.getUserHandle() != null
                        && keycloakUserId.equals(new String(c.getUserHandle(), StandardCharsets.UTF_8)))
                .toList();
    }
}
