package org.entrasfo.broker;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.entrasfo.broker.hint.EntraAuthority;
import org.entrasfo.factor.SecondFactors;
import org.entrasfo.factor.http.HttpTimeouts;
import org.entrasfo.factor.transaction.AuthenticationMethod;
import org.entrasfo.broker.hint.EntraCloud;
import org.entrasfo.broker.keys.MicrosoftSigningKeys;
import org.entrasfo.broker.link.UnknownUserPolicy;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The Entra hint broker: first execution of the second-factor-only flow. Node-wide options (SPI config) tune the
 * Microsoft key cache; realm settings live in the execution's config.
 */
public class EntraHintBrokerAuthenticatorFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "entra-hint-broker";

    private static final Logger LOG = Logger.getLogger(EntraHintBrokerAuthenticatorFactory.class);

    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENT_CHOICES = {
            AuthenticationExecutionModel.Requirement.REQUIRED,
            AuthenticationExecutionModel.Requirement.DISABLED
    };

    private MicrosoftSigningKeys.Settings keySettings = MicrosoftSigningKeys.Settings.DEFAULTS;
    private volatile MicrosoftSigningKeys signingKeys;
    /** Found once the registry is complete: every amr a deployed factor can report. */
    private volatile Set<AuthenticationMethod> reportable = Set.of();
    private final CustomAuthorityWarnings customAuthorityWarnings = new CustomAuthorityWarnings();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return new EntraHintBrokerAuthenticator(signingKeys, customAuthorityWarnings, reportable);
    }

    @Override
    public void init(Config.Scope config) {
        MicrosoftSigningKeys.Settings d = MicrosoftSigningKeys.Settings.DEFAULTS;
        keySettings = new MicrosoftSigningKeys.Settings(
                seconds(config, "jwks-cache-seconds", d.cacheTtl()),
                seconds(config, "jwks-refetch-min-interval-seconds", d.minRefetchInterval()),
                seconds(config, "jwks-outage-tolerance-seconds", d.outageTolerance()),
                HttpTimeouts.of(config, MicrosoftSigningKeys.Settings.TIMEOUTS_PREFIX, d.timeouts()));
    }

    /** The node's cache of Microsoft's signing keys, for the health check. */
    public MicrosoftSigningKeys signingKeys() {
        return signingKeys;
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        reportable = Set.copyOf(SecondFactors.reportableMethods(factory));
        signingKeys = new MicrosoftSigningKeys(factory, keySettings);
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                KeycloakModelUtils.runJobInTransaction(factory, this::warnAboutCustomAuthorities);
            }
        });
    }

    private void warnAboutCustomAuthorities(KeycloakSession session) {
        session.realms().getRealmsStream().forEach(realm -> realm.getAuthenticatorConfigsStream()
                .filter(c -> c.getConfig() != null)
                .forEach(c -> {
                    try {
                        EntraAuthority authority = EntraHintBrokerConfig.of(c).authority();
                        if (authority.custom()) {
                            customAuthorityWarnings.warnOnce(realm, authority);
                        }
                    } catch (IllegalArgumentException e) {
                        LOG.warnf("Realm %s has an invalid Entra authority override in config '%s': %s", realm.getName(), c.getAlias(), e.getMessage());
                    }
                }));
    }

    @Override
    public String getDisplayType() {
        return "Entra ID hint (external MFA)";
    }

    @Override
    public String getReferenceCategory() {
        return null;
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return REQUIREMENT_CHOICES;
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public String getHelpText() {
        return "Validates the id_token_hint Microsoft Entra ID sends to an external MFA provider and links the user by Entra "
                + "object ID and tenant ID. Put it first in a second-factor-only flow, followed by the factor step.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(EntraHintBrokerConfig.TENANT_ID).label("Entra tenant ID")
                .helpText("The directory (tenant) ID this realm serves; hints with another tid are refused.")
                .type(ProviderConfigProperty.STRING_TYPE).required(true).add()
                .property().name(EntraHintBrokerConfig.CLOUD).label("Microsoft cloud")
                .helpText("The cloud the tenant lives in. Its login host is the only trusted hint issuer, its JWKS the only key source, "
                        + "and its redirect URI the only place answers are posted to.")
                .type(ProviderConfigProperty.LIST_TYPE).options(Arrays.stream(EntraCloud.values()).map(Enum::name).toList())
                .defaultValue(EntraCloud.GLOBAL.name()).add()
                .property().name(EntraHintBrokerConfig.APP_IDS).label("App ID")
                .helpText("The Entra App ID expected as the hint's audience. Empty: the Client ID of the request, which is the "
                        + "recommended set-up (Client ID = App ID). Several may be separated by commas.")
                .type(ProviderConfigProperty.STRING_TYPE).add()
                .property().name(EntraHintBrokerConfig.CLOCK_SKEW_SECONDS).label("Allowed clock skew (seconds)")
                .helpText("How far in the future the hint's iat and nbf may lie.")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(EntraHintBrokerConfig.DEFAULT_CLOCK_SKEW_SECONDS).add()
                .property().name(EntraHintBrokerConfig.MAX_HINT_AGE_SECONDS).label("Maximum hint age (seconds)")
                .helpText("How old the hint's iat may be. Entra issues hints in the expired state, so exp is not used.")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(EntraHintBrokerConfig.DEFAULT_MAX_HINT_AGE_SECONDS).add()
                .property().name(EntraHintBrokerConfig.UNKNOWN_USER).label("Unknown Entra user")
                .helpText("A hint whose oid and tid no user carries yet: refuse (default); link-existing binds, once and for good, "
                        + "the one unbound user whose username (while users cannot edit usernames), verified email or link "
                        + "attribute equals preferred_username (for LDAP/AD users); create adds a user. Each new binding is an admin event.")
                .type(ProviderConfigProperty.LIST_TYPE)
                .options(Arrays.stream(UnknownUserPolicy.values()).map(UnknownUserPolicy::configValue).toList())
                .defaultValue(UnknownUserPolicy.REFUSE.configValue()).add()
                .property().name(EntraHintBrokerConfig.LINK_ATTRIBUTE).label("Link attribute")
                .helpText("Optional, for link-existing: a user attribute that also identifies the user by preferred_username, "
                        + "e.g. one your directory sync fills with the UPN. The user profile must let only admins edit it; "
                        + "otherwise no one is linked and the event says why.")
                .type(ProviderConfigProperty.STRING_TYPE).add()
                .property().name(EntraHintBrokerConfig.LEVEL_OF_AUTHENTICATION).label("Level of authentication reached")
                .helpText("The LoA the SSO session records after the second factor, so the realm's other clients see full MFA.")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(EntraHintBrokerConfig.DEFAULT_LEVEL_OF_AUTHENTICATION).add()
                .property().name(EntraHintBrokerConfig.AUTHORITY_ISSUER_BASE_URL).label("Custom authority: issuer base URL")
                .helpText("Tests and private clouds only: replaces the cloud's login host (issuer and redirect URI). Logged as a warning.")
                .type(ProviderConfigProperty.STRING_TYPE).add()
                .property().name(EntraHintBrokerConfig.AUTHORITY_JWKS_URL).label("Custom authority: JWKS URL")
                .helpText("Tests and private clouds only: replaces the cloud's pinned JWKS URL. Logged as a warning.")
                .type(ProviderConfigProperty.STRING_TYPE).add()
                .build();
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name("jwks-cache-seconds").type("int").helpText("How long Microsoft's signing keys are cached.")
                .defaultValue(MicrosoftSigningKeys.Settings.DEFAULTS.cacheTtl().toSeconds()).add()
                .property().name("jwks-refetch-min-interval-seconds").type("int")
                .helpText("Minimum time between two refetches triggered by an unknown kid.")
                .defaultValue(MicrosoftSigningKeys.Settings.DEFAULTS.minRefetchInterval().toSeconds()).add()
                .property().name("jwks-outage-tolerance-seconds").type("int")
                .helpText("How long cached keys keep serving while Microsoft's JWKS endpoint is unreachable.")
                .defaultValue(MicrosoftSigningKeys.Settings.DEFAULTS.outageTolerance().toSeconds()).add()
                .property().name(HttpTimeouts.connectOption(MicrosoftSigningKeys.Settings.TIMEOUTS_PREFIX)).type("int")
                .helpText("Connect timeout for the JWKS fetch.")
                .defaultValue(MicrosoftSigningKeys.Settings.DEFAULTS.timeouts().connect().toMillis()).add()
                .property().name(HttpTimeouts.readOption(MicrosoftSigningKeys.Settings.TIMEOUTS_PREFIX)).type("int")
                .helpText("Read timeout for the JWKS fetch.")
                .defaultValue(MicrosoftSigningKeys.Settings.DEFAULTS.timeouts().read().toMillis()).add()
                .build();
    }

    private static Duration seconds(Config.Scope config, String key, Duration fallback) {
        return Duration.ofSeconds(config.getLong(key, fallback.toSeconds()));
    }

    @Override
    public void close() {
    }
}
