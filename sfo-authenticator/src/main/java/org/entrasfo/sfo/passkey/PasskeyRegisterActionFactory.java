package org.entrasfo.sfo.passkey;

import java.util.List;

import org.entrasfo.sfo.CredentialChangeGuard;
import org.keycloak.authentication.requiredactions.WebAuthnRegister;
import org.keycloak.authentication.requiredactions.WebAuthnRegisterFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

import com.webauthn4j.verifier.attestation.trustworthiness.certpath.CertPathTrustworthinessVerifier;

/** Keycloak's WebAuthn registration under our own alias, guarded by a fresh factor ({@link PasskeyRegisterAction}). */
public class PasskeyRegisterActionFactory extends WebAuthnRegisterFactory {

    public static final String PROVIDER_ID = "sfo-passkey-enrol";
    public static final String DISPLAY_TEXT = "Register a passkey or security key";

    @Override
    protected WebAuthnRegister createProvider(KeycloakSession session, CertPathTrustworthinessVerifier trustVerifier) {
        return new PasskeyRegisterAction(session, trustVerifier);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayText() {
        return DISPLAY_TEXT;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return CredentialChangeGuard.configProperties();
    }
}
