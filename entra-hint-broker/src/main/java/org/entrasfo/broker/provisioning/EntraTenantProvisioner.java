package org.entrasfo.broker.provisioning;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.entrasfo.broker.admin.TenantProfile;
import org.entrasfo.broker.admin.TenantRealmDescription;
import org.entrasfo.factor.SecondFactors;
import org.entrasfo.factor.realm.TenantRealms;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.common.util.Time;
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

    /**
     * Set on a realm this product imported until its steps have run (and removed with the realm when they fail): a realm
     * that keeps it is being set up right now, or was left by a call that died between its transactions.
     */
    static final String UNFINISHED = "entra-sfo.provisioning-started";
    /** Longer than any provisioning call runs: an older mark was left by a call that died. */
    static final int UNFINISHED_GRACE_SECONDS = 600;
    private static final int CLOCK_DIFFERENCE_SECONDS = 60;
    private static final Logger LOG = Logger.getLogger(EntraTenantProvisioner.class);
    private static final ReentrantLock IMPORTS = new ReentrantLock();
    private static final int IMPORT_WAIT_SECONDS = 60;

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
        if (existing == null) {
            return create(profile);
        }
        String started = existing.getAttribute(UNFINISHED);
        // The mark is a realm attribute its own admins could write: it counts only on a realm it could have come from
        // us for, disabled and not yet serving a tenant (a forged one changes nothing an admin of the realm cannot).
        if (started == null || existing.isEnabled() || TenantRealms.isTenantRealm(existing)) {
            return applySteps(session, existing, profile, false);
        }
        if (!leftByADeadCall(started)) {
            throw CreationInProgress.of(profile.realm);
        }
        // Imported by a call that died before its steps ran: this call finishes the creation.
        return finishCreation(session, existing, profile);
    }

    /**
     * The import commits on its own and the steps run in a fresh transaction: Hibernate dirty-checks every entity a
     * transaction holds before each query, and the import holds thousands, which each query of the steps paid again.
     */
    private TenantRealmDescription create(TenantProfile profile) {
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        String realmId = importAlone(factory, profile);
        try {
            return KeycloakModelUtils.runJobInTransactionWithResult(factory,
                    s -> finishCreation(s, s.realms().getRealm(realmId), profile));
        } catch (RuntimeException | Error e) {
            // A refused profile leaves nothing behind, not even the realm imported for it.
            try {
                KeycloakModelUtils.runJobInTransaction(factory, s -> removeRealm(s, realmId));
            } catch (RuntimeException | Error removal) {
                LOG.errorf(removal, "Realm %s (id %s), imported for a provisioning call that failed, could not be removed: it stays "
                        + "disabled, and a provisioning call made %d s after the import finishes it", profile.realm, realmId, UNFINISHED_GRACE_SECONDS);
                e.addSuppressed(removal);
            }
            throw e;
        }
    }

    /**
     * One import at a time on this node, the name checked again inside: two calls for one new realm would otherwise
     * both import it and wait on each other's database locks (H2 gives up with a server error). Across the nodes of a
     * cluster the database's unique realm name decides, and the later import is answered 409 as Keycloak answers it.
     */
    private static String importAlone(KeycloakSessionFactory factory, TenantProfile profile) {
        boolean locked;
        try {
            locked = IMPORTS.tryLock(IMPORT_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            locked = false;
        }
        if (!locked) {
            throw new CreationInProgress("Other tenant realms are being created on this server; call again in a moment.", 503);
        }
        try {
            String realmId = KeycloakModelUtils.runJobInTransactionWithResult(factory,
                    s -> s.realms().getRealmByName(profile.realm) != null ? null : importDisabled(s, profile).getId());
            if (realmId == null) {
                throw CreationInProgress.of(profile.realm);
            }
            return realmId;
        } finally {
            IMPORTS.unlock();
        }
    }

    /** Enabled in the transaction that sets it up, so no one sees it enabled before its steps have run. */
    private static TenantRealmDescription finishCreation(KeycloakSession session, RealmModel realm, TenantProfile profile) {
        realm.removeAttribute(UNFINISHED);
        realm.setEnabled(true);
        return applySteps(session, realm, profile, true);
    }

    /** Older than any call runs, or from the future beyond the nodes' clock differences: not a call at work. */
    private static boolean leftByADeadCall(String started) {
        try {
            long age = Time.currentTime() - Long.parseLong(started.trim());
            return age > UNFINISHED_GRACE_SECONDS || age < -CLOCK_DIFFERENCE_SECONDS;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private static void removeRealm(KeycloakSession session, String realmId) {
        RealmModel realm = session.realms().getRealm(realmId);
        if (realm != null) {
            session.getContext().setRealm(realm); // Keycloak's organizations provider needs it to remove the realm
            new RealmManager(session).removeRealm(realm);
        }
    }

    /** Another call is creating the realm right now: its import is committed, its steps are not yet. */
    public static final class CreationInProgress extends RuntimeException {
        private final int status;

        CreationInProgress(String message, int status) {
            super(message);
            this.status = status;
        }

        static CreationInProgress of(String realm) {
            return new CreationInProgress("Realm " + realm + " is being created by another call; call again in a moment.", 409);
        }

        /** 409 for the realm being created by another call, 503 for a server busy creating others. */
        public int status() {
            return status;
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
    private static RealmModel importDisabled(KeycloakSession session, TenantProfile profile) {
        RealmRepresentation rep = new RealmRepresentation();
        rep.setRealm(profile.realm);
        rep.setEnabled(false);
        rep.setAttributes(new HashMap<>(Map.of(UNFINISHED, Integer.toString(Time.currentTime())))); // the import changes them
        rep.setDisplayName(profile.displayName == null || profile.displayName.isBlank() ? profile.realm : profile.displayName);
        rep.setLoginTheme(LoginTheme.forNewRealm(profile));
        return new RealmManager(session).importRealm(rep);
    }
}
