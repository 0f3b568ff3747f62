package org.entrasfo.sfo.passkey;

import java.util.Base64;
import java.util.Optional;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.entrasfo.factor.transaction.EntraEvents;
import org.keycloak.WebAuthnConstants;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.credential.WebAuthnCredentialModel;
import org.keycloak.services.messages.Messages;

/**
 * The browser's answer to a registration ceremony, looked at before Keycloak's registration reads it: Keycloak decodes
 * the fields without checking they are there, so a forged or truncated post would end in a server error instead of a
 * page, and a key name longer than Keycloak's label column would fail in the database.
 */
final class RegistrationAnswer {

    static final int MAX_NAME_LENGTH = 255;
    /**
     * Keycloak logs the browser's error text and puts it, the credential id and the transports in its events and the
     * stored key: bounded and on one line, so a forged post cannot flood or forge log lines.
     */
    static final int MAX_BROWSER_ERROR_LENGTH = 500;
    static final int MAX_CREDENTIAL_ID_LENGTH = 1400;
    static final int MAX_SHORT_FIELD_LENGTH = 100;
    private static final Problem INCOMPLETE = new Problem("sfoPasskeyRegistrationIncomplete", "incomplete or malformed registration answer");

    private RegistrationAnswer() {
    }

    /** Why the answer cannot be handed to Keycloak's ceremony: the user's message and the event's reason. */
    record Problem(String message, String reason) {
    }

    static Optional<Problem> problem(MultivaluedMap<String, String> form) {
        if (!bounded(form.getFirst(WebAuthnConstants.ERROR), MAX_BROWSER_ERROR_LENGTH)
                || !bounded(form.getFirst(WebAuthnConstants.PUBLIC_KEY_CREDENTIAL_ID), MAX_CREDENTIAL_ID_LENGTH)
                || !bounded(form.getFirst(WebAuthnConstants.TRANSPORTS), MAX_SHORT_FIELD_LENGTH)
                || !bounded(form.getFirst(WebAuthnConstants.AUTHENTICATOR_ATTACHMENT), MAX_SHORT_FIELD_LENGTH)) {
            return Optional.of(INCOMPLETE);
        }
        if (present(form.getFirst(WebAuthnConstants.IS_SET_RETRY)) || present(form.getFirst(WebAuthnConstants.ERROR))) {
            return Optional.empty();
        }
        if (!decodable(form.getFirst(WebAuthnConstants.CLIENT_DATA_JSON)) || !decodable(form.getFirst(WebAuthnConstants.ATTESTATION_OBJECT))) {
            return Optional.of(INCOMPLETE);
        }
        String name = form.getFirst(WebAuthnConstants.AUTHENTICATOR_LABEL);
        if (name != null && name.length() > MAX_NAME_LENGTH) {
            return Optional.of(new Problem("sfoPasskeyNameTooLong", "key name longer than " + MAX_NAME_LENGTH + " characters"));
        }
        return Optional.empty();
    }

    /** Keycloak's registration error page (its "try again" starts a new ceremony), and an event with the reason. */
    static Response refuse(Problem problem, EventBuilder event, LoginFormsProvider form) {
        event.clone().event(EventType.UPDATE_CREDENTIAL).detail(Details.CREDENTIAL_TYPE, WebAuthnCredentialModel.TYPE_TWOFACTOR)
                .detail(EntraEvents.REASON, problem.reason()).error(Errors.INVALID_REGISTRATION);
        return form.setError(problem.message()).setAttribute("webAuthnTitle", Messages.WEBAUTHN_REGISTER_TITLE)
                .createWebAuthnErrorPage();
    }

    /** Decoded as Keycloak's registration decodes it (strict base64url), which fails outside its error handling. */
    private static boolean decodable(String value) {
        if (!present(value)) {
            return false;
        }
        try {
            Base64.getUrlDecoder().decode(value);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean bounded(String value, int maxLength) {
        return value == null || value.length() <= maxLength && value.chars().noneMatch(Character::isISOControl);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
