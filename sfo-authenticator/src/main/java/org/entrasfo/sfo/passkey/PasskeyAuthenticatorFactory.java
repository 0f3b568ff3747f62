package org.entrasfo.sfo.passkey;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.entrasfo.factor.FactorSetup;
import org.entrasfo.factor.ServerClock;
import org.entrasfo.factor.transaction.AuthenticationMethod;
import org.entrasfo.sfo.EnrolmentPolicy;
import org.entrasfo.sfo.SecondFactorAuthenticatorFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.WebAuthnCredentialModel;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * The passkey or security key factor of the second-factor-only flow: Keycloak's own WebAuthn credentials (type
 * {@code webauthn}) checked by Keycloak's own verifier with the realm's WebAuthn policy; its amr is {@code fido}.
 * Keys are registered through {@link PasskeyRegisterActionFactory} after a fresh factor of the same user, or, by a
 * user with no usable factor, in the flow while an admin-set enrolment window is open ({@link PasskeyWindowEnrolment}).
 */
public class PasskeyAuthenticatorFactory extends SecondFactorAuthenticatorFactory {

    public static final String PROVIDER_ID = "sfo-passkey";

    private final PasskeyAuthenticator authenticator = new PasskeyAuthenticator(this);

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return authenticator;
    }

    @Override
    public String getDisplayType() {
        return "SFO: passkey or security key";
    }

    @Override
    public String getReferenceCategory() {
        return WebAuthnCredentialModel.TYPE_TWOFACTOR;
    }

    @Override
    public String getHelpText() {
        return "Second factor: a passkey or FIDO2/U2F security key registered to the user (Keycloak's WebAuthn, with the "
                + "realm's WebAuthn policy). Reports amr 'fido' to Entra. Keys are added with the 'sfo-passkey-enrol' "
                + "action, after another factor of the user.";
    }

    @Override
    public Set<AuthenticationMethod> reportableMethods() {
        return EnumSet.of(AuthenticationMethod.FIDO);
    }

    /** Before the code factors when switched on; never on by default, as the realm's WebAuthn policy must fit the site. */
    @Override
    public FactorSetup setup() {
        return FactorSetup.at(5).withAttribute(EnrolmentPolicy.WINDOW_USER_ATTRIBUTE).withRequiredAction(
                new FactorSetup.RequiredAction(PasskeyRegisterActionFactory.PROVIDER_ID, PasskeyRegisterActionFactory.DISPLAY_TEXT));
    }

    @Override
    public boolean usableBy(KeycloakSession session, RealmModel realm, UserModel user, AuthenticatorConfigModel config) {
        return hasKey(user);
    }

    /** A user with no usable factor registers a first key in the flow only while an admin-set window is open. */
    @Override
    protected boolean enrollableBy(UserModel user, AuthenticatorConfigModel config) {
        return EnrolmentPolicy.of(config).allows(user, ServerClock.now());
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of(EnrolmentPolicy.configProperty("a passkey or security key"));
    }

    @Override
    protected String unavailableReason(AuthenticatorConfigModel config) {
        return EnrolmentPolicy.of(config) == EnrolmentPolicy.WINDOW
                ? "no passkey or security key registered, enrolment window not open"
                : "no passkey or security key registered; keys are registered after another factor";
    }

    /** How many keys the user holds: a registration counts only if this grew, whatever status a ceremony reports. */
    static long keyCount(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(WebAuthnCredentialModel.TYPE_TWOFACTOR).count();
    }

    static boolean hasKey(UserModel user) {
        return user != null && user.credentialManager().isConfiguredFor(WebAuthnCredentialModel.TYPE_TWOFACTOR);
    }
}
