package org.entrasfo.sfo.face;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.entrasfo.factor.FactorRealmSettings;
import org.entrasfo.factor.FactorSetup;
import org.entrasfo.factor.ServerClock;
import org.entrasfo.factor.http.HttpTimeouts;
import org.entrasfo.factor.transaction.AuthenticationMethod;
import org.entrasfo.sfo.EnrolmentPolicy;
import org.entrasfo.sfo.SecondFactorAuthenticatorFactory;
import org.entrasfo.sfo.face.remote.FaceEngineRealmSettings;
import org.entrasfo.sfo.face.remote.RemoteEngineSettings;
import org.entrasfo.sfo.face.remote.RemoteFaceEngine;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The face factor of the second-factor-only flow; its amr is {@code face}, an inherence method, so it answers Entra's
 * {@code possessionorinherence} and {@code inherence} requests alike. A deployed factor: provisioning puts it in every
 * new flow after the possession factors, DISABLED unless the profile chooses it, because it needs the site's face
 * engine (realm settings {@code RemoteEngineSettings} reads) before it can serve anyone.
 */
public class FaceAuthenticatorFactory extends SecondFactorAuthenticatorFactory {

    public static final String PROVIDER_ID = "sfo-face";
    static final String TIMEOUT_PREFIX = "face-engine";

    private static final FactorRealmSettings REALM_SETTINGS = new FaceEngineRealmSettings();

    private final FaceAuthenticator authenticator = new FaceAuthenticator(this);
    private HttpTimeouts timeouts = RemoteFaceEngine.DEFAULT_TIMEOUTS;

    @Override
    public void init(Config.Scope config) {
        timeouts = HttpTimeouts.of(config, TIMEOUT_PREFIX, RemoteFaceEngine.DEFAULT_TIMEOUTS);
    }

    /** The realm's engine, or empty when the admin has not set its URL and key. */
    Optional<FaceEngine> engineFor(KeycloakSession session, RealmModel realm) {
        return RemoteEngineSettings.of(session, realm).map(settings -> RemoteFaceEngine.of(session, settings, timeouts));
    }

    /** The realm's engine kind's threshold, or the admin's within that kind's range. */
    FaceMatchPolicy policyFor(RealmModel realm) {
        return RemoteEngineSettings.policyOf(realm);
    }

    /** The engine's URL, kind, keys and threshold, per tenant realm: set by provisioning and the admin page. */
    @Override
    public Optional<FactorRealmSettings> realmSettings() {
        return Optional.of(REALM_SETTINGS);
    }

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
        return "SFO: face";
    }

    @Override
    public String getReferenceCategory() {
        return FaceCredential.TYPE;
    }

    @Override
    public String getHelpText() {
        return "Second factor: the user's face, compared on the site's own face engine (set per realm on the Microsoft External "
                + "Authentication page) after random head turns the server asks for; reports amr 'face' (inherence). It resists "
                + "another person's face, a photo held to the camera, a replayed capture and oversized or malformed uploads. "
                + "It does NOT resist one photo of the user rendered into the head turns (free tools do it), a video made or "
                + "edited to follow them, a real-time deepfake or puppet fed as a camera, a twin or close relative, or a 3D mask: "
                + "a convenience factor, not proof against whoever has the user's password and one photo of them. A face never "
                + "allows adding or replacing a factor.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property(EnrolmentPolicy.configProperty("their face"))
                .property().name(FrameLimits.MAX_FRAMES).label("Frames per attempt").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue("12").helpText("How many camera frames the page sends (at most 30).").add()
                .property().name(FrameLimits.MAX_FRAME_KILOBYTES).label("Largest frame (KB)").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue("200").helpText("Frames over this are refused before they are decoded (at most 1024).").add()
                .build();
    }

    @Override
    public Set<AuthenticationMethod> reportableMethods() {
        return EnumSet.of(AuthenticationMethod.FACE);
    }

    /** After the possession factors in a new flow, and off until an admin switches it on and sets the engine. */
    @Override
    public FactorSetup setup() {
        return FactorSetup.at(70).withAttribute(EnrolmentPolicy.WINDOW_USER_ATTRIBUTE)
                .withRequiredAction(new FactorSetup.RequiredAction(FaceRegisterActionFactory.PROVIDER_ID, FaceRegisterActionFactory.DISPLAY_TEXT));
    }

    /** Without an engine no face can be compared or set up: nobody is offered the face page, not even to enrol. */
    @Override
    protected Optional<String> missingSetting(KeycloakSession session, RealmModel realm, AuthenticatorConfigModel config) {
        return RemoteEngineSettings.of(session, realm).isPresent() ? Optional.empty()
                : Optional.of("no face engine is set for the realm (its URL and an API key stored sealed or in the vault)");
    }

    @Override
    public boolean usableBy(KeycloakSession session, RealmModel realm, UserModel user, AuthenticatorConfigModel config) {
        return FaceCredentialProvider.hasFace(user) && RemoteEngineSettings.of(session, realm).isPresent();
    }

    @Override
    protected boolean enrollableBy(UserModel user, AuthenticatorConfigModel config) {
        return EnrolmentPolicy.of(config).allows(user, ServerClock.now());
    }

    @Override
    protected String unavailableReason(AuthenticatorConfigModel config) {
        return "no enrolled face, enrolment not open";
    }
}
