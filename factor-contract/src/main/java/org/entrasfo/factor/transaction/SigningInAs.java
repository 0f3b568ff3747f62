package org.entrasfo.factor.transaction;

import java.util.Optional;

import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Who is signing in, as Entra knows them: the display name and UPN of the validated hint, kept as auth-session notes
 * by the hint step and shown on every page of ours instead of Keycloak's username box. Only these two claims are
 * kept, never the hint. They come from a hint whose signature was checked, never from a request parameter; the
 * pages escape them (FreeMarker's HTML output format), and they are trimmed to a length a page can show.
 */
public record SigningInAs(String displayName, String upn) {

    /** The attribute our templates read ({@code sfo-signing-in.ftl}). */
    public static final String ATTRIBUTE = "sfoSigningInAs";
    /** The attribute with the name of the application the user is signing in to. */
    public static final String APPLICATION_ATTRIBUTE = "sfoApplication";
    static final int MAX_LENGTH = 256;
    private static final String DISPLAY_NAME = "entra-sfo.signing-in.name";
    private static final String UPN = "entra-sfo.signing-in.upn";

    public SigningInAs {
        displayName = shown(displayName);
        upn = shown(upn);
    }

    /** Entra's {@code name} and {@code preferred_username} claims of the validated hint. */
    public static SigningInAs ofClaims(String name, String preferredUsername) {
        return new SigningInAs(name, preferredUsername);
    }

    public void saveTo(AuthenticationSessionModel authSession) {
        setOrRemove(authSession, DISPLAY_NAME, displayName);
        setOrRemove(authSession, UPN, upn);
    }

    /** Empty outside an Entra transaction or when the hint named neither. */
    public static Optional<SigningInAs> of(AuthenticationSessionModel authSession) {
        if (authSession == null || EntraTransaction.of(authSession).isEmpty()) {
            return Optional.empty();
        }
        SigningInAs found = new SigningInAs(authSession.getAuthNote(DISPLAY_NAME), authSession.getAuthNote(UPN));
        return found.displayName == null && found.upn == null ? Optional.empty() : Optional.of(found);
    }

    /** The attributes every page of ours shows above its form: who is signing in, and to which application. */
    public static LoginFormsProvider addTo(LoginFormsProvider form, AuthenticationSessionModel authSession) {
        of(authSession).ifPresent(who -> form.setAttribute(ATTRIBUTE, who));
        if (authSession != null && authSession.getClient() != null) {
            form.setAttribute(APPLICATION_ATTRIBUTE, authSession.getClient().getName());
        }
        return form;
    }

    /** For the template: the name when there is one, else the UPN. */
    public String getName() {
        return displayName != null ? displayName : upn;
    }

    /** For the template: the UPN when it adds something to the name. */
    public String getAccount() {
        return displayName != null && upn != null && !upn.equals(displayName) ? upn : null;
    }

    /**
     * Blank becomes absent; control and invisible format characters go (direction overrides, zero-width characters:
     * they could make a name read as another); long values are cut.
     */
    private static String shown(String value) {
        if (value == null) {
            return null;
        }
        String cleaned = value.codePoints().filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        if (cleaned.isEmpty()) {
            return null;
        }
        if (cleaned.length() <= MAX_LENGTH) {
            return cleaned;
        }
        int end = Character.isHighSurrogate(cleaned.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
        return cleaned.substring(0, end) + "…";
    }

    private static void setOrRemove(AuthenticationSessionModel authSession, String note, String value) {
        if (value == null) {
            authSession.removeAuthNote(note);
        } else {
            authSession.setAuthNote(note, value);
        }
    }
}
