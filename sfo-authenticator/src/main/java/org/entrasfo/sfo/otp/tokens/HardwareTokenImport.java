package org.entrasfo.sfo.otp.tokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.entrasfo.sfo.otp.HardwareTokens;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.OTPCredentialProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.credential.dto.OTPCredentialData;
import org.keycloak.models.credential.dto.OTPSecretData;
import org.keycloak.util.JsonSerialization;

/**
 * Turns the tokens of a seed file into ordinary Keycloak OTP credentials of their users, all or nothing: every token
 * is checked first, and one problem leaves the realm unchanged. The seed is stored base32-encoded (Keycloak's
 * {@code secretEncoding}), so binary vendor seeds work; a token already imported for its user is left as it is.
 */
public final class HardwareTokenImport {

    static final String LABEL_PREFIX = "Hardware token ";

    private final KeycloakSession session;
    private final RealmModel realm;

    public HardwareTokenImport(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    public record Outcome(List<Map<String, String>> imported, List<Map<String, String>> unchanged, List<String> problems) {
    }

    public Outcome apply(List<HardwareToken> tokens) {
        List<String> problems = new ArrayList<>();
        for (HardwareToken token : tokens) {
            if (token.username() == null || token.username().isBlank()) {
                problems.add("token " + token.serial() + ": no user named in the file");
            } else if (session.users().getUserByUsername(realm, token.username().trim()) == null) {
                problems.add("token " + token.serial() + ": no user '" + token.username().trim() + "' in realm " + realm.getName());
            }
        }
        if (!problems.isEmpty()) {
            return new Outcome(List.of(), List.of(), problems);
        }
        List<Map<String, String>> imported = new ArrayList<>();
        List<Map<String, String>> unchanged = new ArrayList<>();
        OTPCredentialProvider otp = (OTPCredentialProvider) session.getProvider(CredentialProvider.class, "keycloak-otp");
        for (HardwareToken token : tokens) {
            UserModel user = session.users().getUserByUsername(realm, token.username().trim());
            String label = LABEL_PREFIX + token.serial();
            Map<String, String> row = Map.of("serial", token.serial(), "username", user.getUsername());
            if (user.credentialManager().getStoredCredentialsByTypeStream(OTPCredentialModel.TYPE).anyMatch(c -> label.equals(c.getUserLabel()))) {
                unchanged.add(row);
                continue;
            }
            CredentialModel created = otp.createCredential(realm, user, credentialOf(token, label));
            HardwareTokens.mark(user, created.getId());
            imported.add(row);
        }
        return new Outcome(imported, unchanged, List.of());
    }

    private static OTPCredentialModel credentialOf(HardwareToken token, String label) {
        boolean hotp = token.kind() == HardwareToken.Kind.HOTP;
        OTPCredentialData data = new OTPCredentialData(hotp ? OTPCredentialModel.HOTP : OTPCredentialModel.TOTP,
                token.digits(), hotp ? (int) token.counter() : 0, hotp ? 0 : token.period(), token.algorithm(), "BASE32");
        CredentialModel model = new CredentialModel();
        model.setType(OTPCredentialModel.TYPE);
        model.setUserLabel(label);
        model.setCreatedDate(Time.currentTimeMillis());
        try {
            model.setCredentialData(JsonSerialization.writeValueAsString(data));
            model.setSecretData(JsonSerialization.writeValueAsString(new OTPSecretData(token.base32Secret())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return OTPCredentialModel.createFromCredentialModel(model);
    }
}
