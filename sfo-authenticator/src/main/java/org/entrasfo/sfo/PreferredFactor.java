package org.entrasfo.sfo;

import org.keycloak.credential.CredentialModel;
import org.keycloak.models.UserModel;

/**
 * The factor a user passed last comes first next time: its credential moves to the top of the user's credential
 * priority, which is the order Keycloak offers alternatives in and the first one it shows. Keycloak's own mechanism
 * (the admin sees and changes the order on the user's Credentials tab), and only an order: which factors the policy
 * offers is decided elsewhere, and a factor is never added or removed here. Called only once the factor passed.
 */
public final class PreferredFactor {

    private PreferredFactor() {
    }

    /** Moves the user's own credential that was just used to the front; anything else changes nothing. */
    public static void remember(UserModel user, String credentialId) {
        if (user == null || credentialId == null) {
            return;
        }
        CredentialModel first = user.credentialManager().getStoredCredentialsStream().findFirst().orElse(null);
        if (first == null || credentialId.equals(first.getId())
                || user.credentialManager().getStoredCredentialById(credentialId) == null) {
            return;
        }
        user.credentialManager().moveStoredCredentialTo(credentialId, null);
    }
}
