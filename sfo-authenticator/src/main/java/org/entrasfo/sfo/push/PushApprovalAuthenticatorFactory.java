package org.entrasfo.sfo.push;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.entrasfo.factor.FactorSetup;
import org.entrasfo.factor.ServerClock;
import org.entrasfo.factor.transaction.AuthenticationMethod;
import org.entrasfo.sfo.EnrolmentPolicy;
import org.entrasfo.sfo.SecondFactorAuthenticatorFactory;
import org.entrasfo.sfo.push.enrolment.PushDeviceRequiredActionFactory;
import org.entrasfo.sfo.push.webpush.PushNotifier;
import org.entrasfo.sfo.push.webpush.VapidKeys;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The push approval factor of the second-factor-only flow; its amr is {@code swk} (a software key held by the device).
 * Server options ({@link PushServiceSettings}): {@code push-services} (the push services the realm may send to),
 * {@code vapid-subject} and the push services' timeouts.
 */
public class PushApprovalAuthenticatorFactory extends SecondFactorAuthenticatorFactory {

    public static final String PROVIDER_ID = "sfo-push";

    /** The node's one VAPID key cache; the push endpoints use it too, for the key devices subscribe with. */
    private final VapidKeys vapidKeys = new VapidKeys();
    private PushServiceSettings settings = PushServiceSettings.DEFAULTS;
    private PushApprovalAuthenticator authenticator = new PushApprovalAuthenticator(this, new PushNotifier(vapidKeys, settings));

    @Override
    public void init(Config.Scope config) {
        settings = PushServiceSettings.of(config);
        authenticator = new PushApprovalAuthenticator(this, new PushNotifier(vapidKeys, settings));
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return authenticator;
    }

    public VapidKeys vapidKeys() {
        return vapidKeys;
    }

    /** The server options, for the push endpoints: devices subscribe only to the push services the realm sends to. */
    public PushServiceSettings settings() {
        return settings;
    }

    @Override
    public String getDisplayType() {
        return "SFO: push approval";
    }

    /** The Account Console lists and sets up the user's devices because a flow of the realm uses this type. */
    @Override
    public String getReferenceCategory() {
        return PushDeviceCredential.TYPE;
    }

    @Override
    public String getHelpText() {
        return "Second factor: the user approves on an enrolled device (the realm's web app or any app of the open push "
                + "protocol) by picking the number this page shows. Reports amr 'swk' to Entra.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(NumberMatching.CONFIG_KEY).label("Number matching")
                .type(ProviderConfigProperty.LIST_TYPE).options("choose", "type").defaultValue("choose")
                .helpText("choose: the device offers three numbers and the user picks the one this page shows. "
                        + "type: the user types the number on the device. Number matching cannot be turned off.").add()
                .property().name(PushApprovalConfig.LIFETIME_KEY).label("Challenge lifetime (seconds)")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(PushApprovalConfig.DEFAULT_LIFETIME_SECONDS))
                .helpText("How long a push request can be answered, " + PushApprovalConfig.SHORTEST_LIFETIME_SECONDS + " to "
                        + PushApprovalConfig.LONGEST_LIFETIME_SECONDS + " seconds: well inside Entra's five minutes.").add()
                .property(EnrolmentPolicy.configProperty("a push device"))
                .build();
    }

    @Override
    public Set<AuthenticationMethod> reportableMethods() {
        return EnumSet.of(AuthenticationMethod.SWK);
    }

    /** Devices are added from the Account Console through the factor's own enrolment action, after a fresh factor. */
    @Override
    public FactorSetup setup() {
        return FactorSetup.at(20).withAttribute(EnrolmentPolicy.WINDOW_USER_ATTRIBUTE)
                .withRequiredAction(new FactorSetup.RequiredAction(PushDeviceRequiredActionFactory.PROVIDER_ID, "Set up push approval"));
    }

    @Override
    public boolean usableBy(KeycloakSession session, RealmModel realm, UserModel user, AuthenticatorConfigModel config) {
        return PushDeviceCredentialProvider.hasDevice(user);
    }

    @Override
    protected boolean enrollableBy(UserModel user, AuthenticatorConfigModel config) {
        return EnrolmentPolicy.of(config).allows(user, ServerClock.now());
    }

    @Override
    protected String unavailableReason(AuthenticatorConfigModel config) {
        return "no push device, enrolment not open";
    }
}
