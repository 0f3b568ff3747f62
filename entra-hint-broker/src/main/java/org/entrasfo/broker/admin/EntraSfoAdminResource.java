package org.entrasfo.broker.admin;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.entrasfo.broker.provisioning.EntraTenantProvisioner;
import org.entrasfo.broker.scim.ScimClient;
import org.entrasfo.broker.scim.ScimProvisioning;
import org.entrasfo.factor.realm.TenantRealms;
import org.entrasfo.broker.selftest.Finding;
import org.entrasfo.factor.realm.JsonAnswer;
import org.entrasfo.broker.selftest.RealmConfigurationCheck;
import org.entrasfo.factor.realm.AdminErrors;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.Config;
import org.keycloak.common.Profile;
import org.keycloak.models.AdminRoles;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.keycloak.services.resources.admin.fgap.AdminPermissions;

/**
 * Admin REST API of the product, under {@code /admin/realms/{realm}/entra-sfo}. Creating a whole tenant realm is a
 * call on the master realm, like Keycloak's own realm creation; the outcome report is per tenant realm. Refusals are
 * Keycloak's error shape, naming the field ({@link AdminErrors}).
 */
public class EntraSfoAdminResource {

    /** The realm's side of the self-test. */
    public record SelfTest(String realm, List<Finding> findings) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;

    public EntraSfoAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
    }

    /**
     * Creates or updates the realm of one Entra tenant from a profile: realm, keys, second-factor-only flow, Entra
     * client with its mappers and ACR-to-LoA mapping, events. Idempotent.
     */
    @POST
    @Path("tenant-realms")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response applyTenantRealm(TenantProfile profile) {
        if (!Config.getAdminRealm().equals(realm.getName())) {
            return AdminErrors.of(Response.Status.NOT_FOUND, null, "Tenant realms are created through the master realm.");
        }
        if (profile == null) {
            return AdminErrors.badRequest(null, "A JSON tenant profile is required.");
        }
        // Permission first: the checks below name other realms' tenants and settings, which only such an admin may learn.
        RealmModel target = profile.realm == null ? null : session.realms().getRealmByName(profile.realm);
        if (target == null) {
            AdminPermissions.realms(session, auth.adminAuth()).requireCreateRealm();
        } else {
            AdminPermissions.evaluator(session, target, auth.adminAuth()).realm().requireManageRealm();
        }
        List<TenantProfile.FieldError> errors = profile.validate(EntraTenantProvisioner.factorIds(session));
        if (errors.isEmpty()) {
            errors = EntraTenantProvisioner.conflicts(session, profile);
        }
        if (!errors.isEmpty()) {
            return badRequest(errors);
        }
        TenantRealmDescription description;
        try {
            description = new EntraTenantProvisioner(session).apply(profile);
        } catch (IllegalArgumentException e) {
            // A refused profile leaves nothing behind, not even the realm created before the refusal.
            session.getTransactionManager().setRollbackOnly();
            return AdminErrors.badRequest("workflow", e.getMessage());
        } catch (EntraTenantProvisioner.CreationInProgress e) {
            Response.Status status = Response.Status.fromStatusCode(e.status());
            Response answer = AdminErrors.of(status, status == Response.Status.CONFLICT ? "realm" : null, e.getMessage());
            return status == Response.Status.CONFLICT ? answer : Response.fromResponse(answer).header("Retry-After", "5").build();
        }
        RealmModel applied = session.realms().getRealmByName(description.realm());
        if (target == null && description.realmCreated()) {
            // Only to whoever made it: finishing a realm another call left needs manage-realm, which grants no more.
            grantTheNewRealmToItsCreator(applied);
        }
        // Recorded in the tenant realm, whose admins read its trail (the master realm's builder would file it there).
        new AdminEventBuilder(applied, auth.adminAuth(), session, session.getContext().getConnection())
                .operation(description.realmCreated() ? OperationType.CREATE : OperationType.UPDATE)
                .resource(ResourceType.REALM)
                .resourcePath("entra-sfo", "tenant-realms", description.realm())
                .representation(profile.withSecretsHidden((factor, setting) -> secret(factor, setting)))
                .success();
        return JsonAnswer.status(description.realmCreated() ? 201 : 200, description).build();
    }

    /**
     * As Keycloak's own realm creation does: an admin who may create realms but not manage every one gets the new
     * realm's admin roles, so they can apply the profile again and manage what they made.
     */
    private void grantTheNewRealmToItsCreator(RealmModel created) {
        AdminAuth admin = auth.adminAuth();
        if (admin.hasRealmRole(AdminRoles.ADMIN)) {
            return;
        }
        ClientModel management = created.getMasterAdminClient();
        Arrays.stream(AdminRoles.ALL_REALM_ROLES).map(management::getRole).filter(Objects::nonNull).forEach(admin.getUser()::grantRole);
    }

    /**
     * Turns Keycloak's SCIM server on for this tenant realm, so Entra's provisioning service brings its users, numbers
     * and groups: the realm switch, the provisioning client (a new secret on every call, answered once) and the
     * attribute mapping. For admins who may manage the realm and its clients.
     */
    @POST
    @Path("scim")
    @Produces(MediaType.APPLICATION_JSON)
    public Response enableScim() {
        auth.realm().requireManageRealm();
        auth.clients().requireManage();
        if (!TenantRealms.isTenantRealm(realm)) {
            return AdminErrors.of(Response.Status.NOT_FOUND, null, "SCIM provisioning is for tenant realms; provision the realm first.");
        }
        if (!Profile.isFeatureEnabled(Profile.Feature.SCIM_API)) {
            return AdminErrors.badRequest(null, "Enable Keycloak's feature scim-api on the server first.");
        }
        if (ScimClient.conflicts(realm)) {
            return AdminErrors.badRequest("clientId", "A client '" + ScimClient.CLIENT_ID + "' exists in the realm and was not "
                    + "made for SCIM provisioning; rename or remove it first.");
        }
        ScimProvisioning.ScimConnection connection;
        try {
            connection = ScimProvisioning.apply(session, realm);
        } catch (IllegalStateException e) {
            // A realm whose user profile lacks what the mapping needs is left as it was.
            session.getTransactionManager().setRollbackOnly();
            return AdminErrors.badRequest(null, e.getMessage());
        }
        // The secret stays out of the admin event.
        new AdminEventBuilder(realm, auth.adminAuth(), session, session.getContext().getConnection())
                .operation(OperationType.UPDATE).resource(ResourceType.REALM)
                .resourcePath("entra-sfo", "scim").representation(connection.scimBaseUrl()).success();
        return JsonAnswer.ok(connection);
    }

    /**
     * SFO outcomes of this realm per factor between {@code from} and {@code to} (ISO dates or instants; default: the
     * last 7 days), for admins who may view events.
     */
    @GET
    @Path("report")
    @Produces(MediaType.APPLICATION_JSON)
    public Response report(@QueryParam("from") String from, @QueryParam("to") String to) {
        auth.realm().requireViewEvents();
        SfoOutcomeReport.Period period;
        try {
            period = SfoOutcomeReport.Period.parse(from, to);
        } catch (SfoOutcomeReport.InvalidPeriod e) {
            return AdminErrors.badRequest(e.field(), e.getMessage());
        }
        return JsonAnswer.ok(SfoOutcomeReport.of(session, realm, period));
    }

    /**
     * The realm's side of the self-test: the Entra clients, their flow, mapping and mapper, events and brute-force
     * detection, each rule passed, a warning or failed with the fix. The network side (what Entra fetches) runs from
     * the command line: {@code java -cp entra-sfo-keycloak.jar org.entrasfo.broker.selftest.SelfTestCommand}.
     */
    @GET
    @Path("self-test")
    @Produces(MediaType.APPLICATION_JSON)
    public Response selfTest() {
        auth.realm().requireViewRealm();
        return JsonAnswer.ok(new SelfTest(realm.getName(), RealmConfigurationCheck.run(session, realm)));
    }

    /** Whether a factor's realm setting is a secret, which an admin event must not record. */
    private boolean secret(String factorId, String setting) {
        return org.entrasfo.factor.SecondFactors.byId(session.getKeycloakSessionFactory(), factorId)
                .flatMap(org.entrasfo.factor.SecondFactor::realmSettings)
                .map(settings -> settings.properties().stream().noneMatch(p -> p.getName().equals(setting) && !p.isSecret()))
                .orElse(true);
    }

    private static Response badRequest(List<TenantProfile.FieldError> errors) {
        return AdminErrors.badRequest(errors.stream().map(error -> AdminErrors.field(error.field(), error.message())).toList());
    }
}
