package org.entrasfo.broker.provisioning;

import java.util.ArrayList;
import java.util.List;

import org.entrasfo.broker.admin.TenantProfile;
import org.entrasfo.broker.admin.TenantRealmDescription;
import org.entrasfo.factor.SecondFactors;
import org.entrasfo.factor.realm.TenantRealms;
import org.keycloak.Config;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.services.Urls;
import org.keycloak.theme.Theme;
import org.keycloak.services.managers.RealmManager;
import org.keycloak.urls.UrlType;

/**
 * Makes a realm serve one Entra tenant, idempotently: the same profile applied twice changes nothing. It creates the
 * realm through Keycloak's own import when missing, then runs the steps in order; everything they make is ordinary
 * Keycloak configuration, so a realm exported with Keycloak's own export works unchanged elsewhere. The factors and
 * the policy step come from Keycloak's provider registry: a new factor needs nothing here.
 */
public final class EntraTenantProvisioner {

    private final KeycloakSession session;

    public EntraTenantProvisioner(KeycloakSession session) {
        this.session = session;
    }

    /** The steps of one call, in order; each is new per call and only ever tightens. */
    static List<ProvisioningStep> steps(EntraClient entraClient) {
        return List.of(new TenantMarker(), new LoginTheme(), new BrandingSettings(), new FactorRoles(), new AcrMapping(), new SfoFlow(), new AuditAndLockout(),
                new KeycloakDoors(), new FactorRequiredActions(), new WebAuthnPolicySettings(), new FactorRealmSettingsStep(), new AdminOnlyAttributes(), entraClient, new ProfilePageEntry());
    }

    public TenantRealmDescription apply(TenantProfile profile) {
        RealmModel existing = session.realms().getRealmByName(profile.realm);
        if (existing != null) {
            return applySteps(session, existing, profile, false);
        }
        // The import commits on its own and the steps run in a fresh transaction: Hibernate dirty-checks every entity a
        // transaction holds before each query, and the import holds thousands, which each query of the steps paid again.
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        String realmId = KeycloakModelUtils.runJobInTransactionWithResult(factory, s -> createRealm(s, profile).getId());
        try {
            return KeycloakModelUtils.runJobInTransactionWithResult(factory, s -> {
                RealmModel realm = s.realms().getRealm(realmId);
                TenantRealmDescription description = applySteps(s, realm, profile, true);
                realm.setEnabled(true);
                return description;
            });
        } catch (RuntimeException | Error e) {
            // A refused profile leaves nothing behind, not even the realm imported for it (disabled until now).
            try {
                KeycloakModelUtils.runJobInTransaction(factory, s -> removeRealm(s, realmId));
            } catch (RuntimeException removal) {
                e.addSuppressed(removal);
            }
            throw e;
        }
    }

    private static void removeRealm(KeycloakSession session, String realmId) {
        RealmModel realm = session.realms().getRealm(realmId);
        if (realm != null) {
            session.getContext().setRealm(realm); // Keycloak's organizations provider needs it to remove the realm
            new RealmManager(session).removeRealm(realm);
        }
    }

    private static TenantRealmDescription applySteps(KeycloakSession session, RealmModel realm, TenantProfile profile, boolean created) {
        RealmModel previous = session.getContext().getRealm();
        session.getContext().setRealm(realm);
        try {
            TenantRealmSetup setup = new TenantRealmSetup(session, realm, profile,
                    SecondFactors.deployed(session.getKeycloakSessionFactory()),
                    SecondFactors.policyStep(session.getKeycloakSessionFactory())
                            .orElseThrow(() -> new IllegalStateException("no factor policy step is deployed")));
            EntraClient entraClient = new EntraClient();
            steps(entraClient).forEach(step -> step.apply(setup));
            return new TenantRealmDescription(realm.getName(), entraClient.client().getClientId(), profile.appId.trim(),
                    discoveryUrl(session, realm), profile.authority().redirectUri(), setup.entraFlow().getAlias(), created);
        } finally {
            session.getContext().setRealm(previous);
        }
    }

    /** The ids of the factors a profile may name: those deployed on this node. */
    public static List<String> factorIds(KeycloakSession session) {
        return SecondFactors.deployed(session.getKeycloakSessionFactory()).stream().map(f -> f.getId()).toList();
    }

    /** What Entra's admin pastes as the discovery endpoint: the realm's issuer plus the well-known suffix. */
    public static String discoveryUrl(KeycloakSession session, RealmModel realm) {
        return Urls.realmIssuer(session.getContext().getUri(UrlType.FRONTEND).getBaseUri(), realm.getName())
                + "/.well-known/openid-configuration";
    }

    /**
     * Field problems only the realm can reveal, checked before anything is changed: the Entra client is one that
     * provisioning made, never an existing client of Keycloak's or an admin's, which would be turned into a public
     * implicit client for Entra (Keycloak's own clients exist in every new realm too); and never the admin realm.
     */
    public static List<TenantProfile.FieldError> conflicts(KeycloakSession session, TenantProfile profile) {
        List<TenantProfile.FieldError> errors = new ArrayList<>();
        if (Config.getAdminRealm().equals(profile.realm)) {
            errors.add(new TenantProfile.FieldError("realm", "The admin realm cannot serve an Entra tenant; name another realm."));
            return errors;
        }
        LoginTheme.named(profile).filter(theme -> !session.theme().nameSet(Theme.Type.LOGIN).contains(theme))
                .ifPresent(theme -> errors.add(new TenantProfile.FieldError("loginTheme", "There is no login theme '" + theme
                        + "' on this server; leave it empty for " + LoginTheme.PRODUCT_THEME + " in a new realm and the realm's own theme in an existing one.")));
        errors.addAll(FactorRealmSettingsStep.check(session, profile.realm == null ? null : session.realms().getRealmByName(profile.realm), profile));
        String clientId = profile.effectiveClientId() == null ? null : profile.effectiveClientId().trim();
        RealmModel realm = profile.realm == null ? null : session.realms().getRealmByName(profile.realm);
        ClientModel existing = realm == null || clientId == null ? null : realm.getClientByClientId(clientId);
        if ((existing != null && !TenantRealms.isEntraClient(existing)) || Constants.defaultClients.contains(clientId)) {
            errors.add(new TenantProfile.FieldError("clientId", "A client '" + clientId + "' exists in the realm and was not "
                    + "made for Entra; choose another Client ID (by default the App ID)."));
        }
        return errors;
    }

    /**
     * Through Keycloak's own import, so the new realm gets every default an admin-created realm gets (keys included);
     * disabled until the steps have closed its other doors.
     */
    private static RealmModel createRealm(KeycloakSession session, TenantProfile profile) {
        RealmRepresentation rep = new RealmRepresentation();
        rep.setRealm(profile.realm);
        rep.setEnabled(false);
        rep.setDisplayName(profile.displayName == null || profile.displayName.isBlank() ? profile.realm : profile.displayName);
        rep.setLoginTheme(LoginTheme.forNewRealm(profile));
        return new RealmManager(session).importRealm(rep);
    }
}
