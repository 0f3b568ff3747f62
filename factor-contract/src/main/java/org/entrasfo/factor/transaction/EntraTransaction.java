package org.entrasfo.factor.transaction;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * One Entra external-MFA transaction as the auth session remembers it between requests: what the validated hint
 * proved and what Entra asked for. Only what later steps need is kept; never the raw hint (personal data, and it
 * would bloat the restart cookie), only the replay marks of contract 3.8: its signature digest and its {@code uti}.
 */
public record EntraTransaction(
        String subject,
        String objectId,
        String tenantId,
        String clientRequestId,
        String hintSignatureDigest,
        String hintUniqueTokenId,
        String nonce,
        RequestedAuthentication requested,
        int levelOfAuthentication,
        int replayWindowSeconds) {

    private static final String PREFIX = "entra-sfo.";
    static final String SUBJECT = PREFIX + "sub";
    static final String OBJECT_ID = PREFIX + "oid";
    static final String TENANT_ID = PREFIX + "tid";
    static final String CLIENT_REQUEST_ID = PREFIX + "client-request-id";
    private static final String HINT_SIGNATURE_DIGEST = PREFIX + "hint-signature-digest";
    private static final String HINT_UTI = PREFIX + "hint-uti";
    private static final String NONCE = PREFIX + "nonce";
    private static final String ACR_VALUES = PREFIX + "requested-acr";
    private static final String AMR_VALUES = PREFIX + "requested-amr";
    private static final String LOA = PREFIX + "loa";
    private static final String REPLAY_WINDOW = PREFIX + "replay-window";

    /** Client notes: Keycloak copies them into the client session, where the claims mapper reads them. */
    public static final String CLAIM_SUB = PREFIX + "claim.sub";
    public static final String CLAIM_OID = PREFIX + "claim.oid";
    public static final String CLAIM_TID = PREFIX + "claim.tid";
    public static final String CLAIM_ACR = PREFIX + "claim.acr";
    public static final String CLAIM_AMR = PREFIX + "claim.amr";

    public void saveTo(AuthenticationSessionModel authSession) {
        authSession.setAuthNote(SUBJECT, subject);
        authSession.setAuthNote(OBJECT_ID, objectId);
        authSession.setAuthNote(TENANT_ID, tenantId);
        setOrRemove(authSession, CLIENT_REQUEST_ID, clientRequestId);
        authSession.setAuthNote(HINT_SIGNATURE_DIGEST, hintSignatureDigest);
        setOrRemove(authSession, HINT_UTI, hintUniqueTokenId);
        setOrRemove(authSession, NONCE, nonce);
        authSession.setAuthNote(ACR_VALUES, String.join(" ", requested.acrValues()));
        authSession.setAuthNote(AMR_VALUES, String.join(" ", requested.amrValues()));
        authSession.setAuthNote(LOA, Integer.toString(levelOfAuthentication));
        authSession.setAuthNote(REPLAY_WINDOW, Integer.toString(replayWindowSeconds));
    }

    public static Optional<EntraTransaction> of(AuthenticationSessionModel authSession) {
        if (authSession == null || authSession.getAuthNote(SUBJECT) == null) {
            return Optional.empty();
        }
        return Optional.of(new EntraTransaction(
                authSession.getAuthNote(SUBJECT),
                authSession.getAuthNote(OBJECT_ID),
                authSession.getAuthNote(TENANT_ID),
                authSession.getAuthNote(CLIENT_REQUEST_ID),
                authSession.getAuthNote(HINT_SIGNATURE_DIGEST),
                authSession.getAuthNote(HINT_UTI),
                authSession.getAuthNote(NONCE),
                new RequestedAuthentication(words(authSession.getAuthNote(ACR_VALUES)), words(authSession.getAuthNote(AMR_VALUES))),
                Integer.parseInt(authSession.getAuthNote(LOA)),
                Integer.parseInt(authSession.getAuthNote(REPLAY_WINDOW))));
    }

    /** The client-request-id of the transaction this auth session serves, for events of any later step. */
    public static Optional<String> clientRequestIdOf(AuthenticationSessionModel authSession) {
        return authSession == null ? Optional.empty() : Optional.ofNullable(authSession.getAuthNote(CLIENT_REQUEST_ID));
    }

    /** Records what the id_token for Entra will say; read back by {@code EntraClaimsMapper}. */
    void recordClaims(AuthenticationSessionModel authSession, String acr, AuthenticationMethod method) {
        authSession.setClientNote(CLAIM_SUB, subject);
        authSession.setClientNote(CLAIM_OID, objectId);
        authSession.setClientNote(CLAIM_TID, tenantId);
        authSession.setClientNote(CLAIM_ACR, acr);
        authSession.setClientNote(CLAIM_AMR, method.amr());
    }

    private static void setOrRemove(AuthenticationSessionModel authSession, String note, String value) {
        if (value == null) {
            authSession.removeAuthNote(note);
        } else {
            authSession.setAuthNote(note, value);
        }
    }

    private static List<String> words(String note) {
        if (note == null || note.isBlank()) {
            return List.of();
        }
        return Arrays.asList(note.trim().split(" "));
    }
}
