package org.entrasfo.sfo.push.enrolment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import org.entrasfo.sfo.push.challenge.PushChallenges;
import org.keycloak.common.util.SecretGenerator;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;
import org.keycloak.services.Urls;

/**
 * Enrolments of push devices: a short-lived, single-use token the realm signs (in the QR code), the same enrolment as
 * a typed code for apps that cannot receive the link, and the state the enrolment page follows. All in the single-use
 * store, so the device may reach another node than the page.
 */
public final class PushEnrolments {

    public static final int LIFETIME_SECONDS = 300;
    /** No look-alikes (0/O, 1/I) for a code people type. */
    private static final char[] CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final int CODE_LENGTH = 10;
    private static final String PREFIX = "entra-sfo.push.enrolment.";

    /** An enrolment the page shows; the token and the code are the same permission, spent by whichever comes first. */
    public record Started(String id, String token, String code, String watchSecret, String appUrl, long expiresAt) {
        /** The code in two groups of five, as the page shows it. */
        public String displayCode() {
            return code.substring(0, 5) + "-" + code.substring(5);
        }
    }

    /** An enrolment a device is allowed to complete. */
    public record Pending(String id, String realmId, String userId) {
    }

    public enum State { PENDING, ENROLLED, EXPIRED }

    private final KeycloakSession session;
    private final SingleUseObjectProvider store;

    public PushEnrolments(KeycloakSession session) {
        this.session = session;
        this.store = session.singleUseObjects();
    }

    public static String realmUrl(KeycloakSession session, RealmModel realm) {
        return Urls.realmIssuer(session.getContext().getUri().getBaseUri(), realm.getName());
    }

    public Started start(RealmModel realm, UserModel user) {
        String id = SecretGenerator.getInstance().randomString(32);
        long now = Time.currentTime();
        long expiresAt = now + LIFETIME_SECONDS;
        String realmUrl = realmUrl(session, realm);
        PushEnrolmentToken token = new PushEnrolmentToken();
        token.id(id).issuer(realmUrl).audience(realmUrl).subject(user.getId()).iat(now).exp(expiresAt).type(PushEnrolmentToken.TYPE);
        String code = SecretGenerator.getInstance().randomString(CODE_LENGTH, CODE_ALPHABET);
        String watch = SecretGenerator.getInstance().randomString(32);
        store.put(PREFIX + id, LIFETIME_SECONDS + PushChallenges.AFTERLIFE_SECONDS,
                Map.of("realm", realm.getId(), "user", user.getId(), "watch", watch, "expires", Long.toString(expiresAt)));
        store.put(codeKey(realm.getId(), code), LIFETIME_SECONDS, Map.of("id", id));
        String encoded = session.tokens().encode(token);
        return new Started(id, encoded, code, watch, realmUrl + "/sfo-push/app/#enrol=" + encoded, expiresAt);
    }

    /** The enrolment a token permits: signed by this realm, for this realm, of the right type, not expired, not spent. */
    public Optional<Pending> forToken(RealmModel realm, String encoded) {
        if (encoded == null || encoded.isBlank() || encoded.length() > 4096 || !hasTheRealmsTokenHeader(encoded)) {
            return Optional.empty();
        }
        PushEnrolmentToken token = session.tokens().decode(encoded, PushEnrolmentToken.class);
        String realmUrl = realmUrl(session, realm);
        if (token == null || !PushEnrolmentToken.TYPE.equals(token.getType()) || token.getExp() == null
                || !token.isActive() || !realmUrl.equals(token.getIssuer()) || !token.hasAudience(realmUrl)) {
            return Optional.empty();
        }
        return pending(realm, token.getId()).filter(p -> p.userId().equals(token.getSubject()));
    }

    /**
     * Only a token shaped like the ones the realm issues (HS512, the internal algorithm, with the id of the key) reaches
     * Keycloak's decoder: given no key id, it takes the realm's active key of whatever algorithm the header names and,
     * if there is none, creates one, so a forged header could add a signing key to the realm's JWKS.
     */
    static boolean hasTheRealmsTokenHeader(String encoded) {
        try {
            JWSHeader header = JWSObject.parse(encoded).getHeader();
            return JWSAlgorithm.HS512.equals(header.getAlgorithm()) && header.getKeyID() != null
                    && !header.getKeyID().isBlank() && header.getKeyID().length() <= 128;
        } catch (ParseException e) {
            return false;
        }
    }

    public Optional<Pending> forCode(RealmModel realm, String typed) {
        String code = normalise(typed);
        if (code.length() != CODE_LENGTH) {
            return Optional.empty();
        }
        Map<String, String> found = store.get(codeKey(realm.getId(), code));
        return found == null ? Optional.empty() : pending(realm, found.get("id"));
    }

    private Optional<Pending> pending(RealmModel realm, String id) {
        if (id == null) {
            return Optional.empty();
        }
        Map<String, String> notes = store.get(PREFIX + id);
        if (notes == null || !realm.getId().equals(notes.get("realm"))
                || Time.currentTime() >= Long.parseLong(notes.get("expires")) || store.contains(PREFIX + id + ".spent")) {
            return Optional.empty();
        }
        return Optional.of(new Pending(id, notes.get("realm"), notes.get("user")));
    }

    /** True for the one device that may complete the enrolment; token and code are spent together. */
    public boolean spend(Pending pending) {
        return store.putIfAbsent(PREFIX + pending.id() + ".spent", LIFETIME_SECONDS + PushChallenges.AFTERLIFE_SECONDS);
    }

    public void completed(Pending pending, String credentialId) {
        store.put(PREFIX + pending.id() + ".device", LIFETIME_SECONDS + PushChallenges.AFTERLIFE_SECONDS,
                Map.of("credential", credentialId));
    }

    /** The credential the enrolment made, if a device completed it. */
    public Optional<String> enrolledDevice(String id) {
        Map<String, String> device = id == null ? null : store.get(PREFIX + id + ".device");
        return device == null ? Optional.empty() : Optional.ofNullable(device.get("credential"));
    }

    /** What the enrolment page may learn, and only with its own secret. */
    public Optional<State> stateFor(String id, String watch) {
        Map<String, String> notes = id == null || id.length() > 64 ? null : store.get(PREFIX + id);
        if (notes == null || watch == null || !MessageDigest.isEqual(notes.get("watch").getBytes(StandardCharsets.UTF_8),
                watch.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        if (enrolledDevice(id).isPresent()) {
            return Optional.of(State.ENROLLED);
        }
        return Optional.of(Time.currentTime() >= Long.parseLong(notes.get("expires")) ? State.EXPIRED : State.PENDING);
    }

    public static String normalise(String typed) {
        return typed == null ? "" : typed.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
    }

    private static String codeKey(String realmId, String code) {
        return PREFIX + "code." + realmId + "." + code;
    }
}
