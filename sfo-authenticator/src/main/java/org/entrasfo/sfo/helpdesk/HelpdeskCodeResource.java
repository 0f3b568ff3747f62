package org.entrasfo.sfo.helpdesk;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.entrasfo.broker.rest.JsonAnswer;
import org.entrasfo.broker.transaction.AuthenticationMethod;
import org.entrasfo.sfo.code.SaltedCodeHash;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import jakarta.ws.rs.ForbiddenException;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code POST /admin/realms/{realm}/entra-sfo-helpdesk/codes}: a help desk operator (realm role {@value #ROLE}, or an
 * admin who may manage the user) issues a temporary code for a user who lost their device. The code is in the answer
 * once and nowhere else; the admin event names the user, the validity and the amr, never the code.
 */
public class HelpdeskCodeResource {

    public static final String ROLE = "sfo-helpdesk";
    static final int DIGITS = 8;
    static final Duration MAX_VALIDITY = Duration.ofDays(7);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    HelpdeskCodeResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
    }

    /** What the operator asks for; every field but the username has a default. */
    public static class Request {
        public String username;
        public Integer validMinutes = 60;
        public Boolean singleUse = Boolean.TRUE;
        public String amr = AuthenticationMethod.OTP.amr();
    }

    @POST
    @Path("codes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response issue(Request request) {
        UserModel user = request == null || request.username == null ? null : session.users().getUserByUsername(realm, request.username.trim());
        boolean helpdesk = auth.adminAuth().getRealm().getId().equals(realm.getId()) && auth.adminAuth().hasRealmRole(ROLE);
        if (!helpdesk && !(user == null ? auth.users().canManage() : auth.users().canManage(user))) {
            throw new ForbiddenException();
        }
        if (user == null) {
            return badRequest("username", "No such user in this realm.");
        }
        int minutes = request.validMinutes == null ? 60 : request.validMinutes;
        if (minutes < 1 || minutes > MAX_VALIDITY.toMinutes()) {
            return badRequest("validMinutes", "Between 1 minute and 7 days.");
        }
        Optional<AuthenticationMethod> method = AuthenticationMethod.fromAmr(request.amr == null ? "otp" : request.amr.trim());
        if (method.isEmpty()) {
            return badRequest("amr", "One of Entra's amr values, for example otp, hwk or tel.");
        }
        String code = SaltedCodeHash.newCode(DIGITS);
        Instant expiresAt = Instant.now().plus(Duration.ofMinutes(minutes));
        String issuedBy = auth.adminAuth().getUser().getUsername() + "@" + auth.adminAuth().getRealm().getName();
        boolean singleUse = request.singleUse == null || request.singleUse;
        HelpdeskCode issued = new HelpdeskCode(null, SaltedCodeHash.of(code), expiresAt, singleUse, method.get(), issuedBy);
        // One code at a time: a new one replaces what the user still holds, expired codes included.
        HelpdeskCodeAuthenticator.provider(session).removeAll(user);
        user.credentialManager().createStoredCredential(issued.toModel());

        Map<String, Object> audit = new LinkedHashMap<>();
        audit.put("username", user.getUsername());
        audit.put("expiresAt", expiresAt.toString());
        audit.put("singleUse", singleUse);
        audit.put("amr", method.get().amr());
        adminEvent.operation(OperationType.CREATE).resource(ResourceType.USER)
                .resourcePath("entra-sfo-helpdesk", "codes", user.getId()).representation(audit).success();

        Map<String, Object> answer = new LinkedHashMap<>(audit);
        answer.put("code", code.substring(0, 4) + " " + code.substring(4));
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.status(Response.Status.CREATED).entity(answer).cacheControl(noStore).build();
    }

    private static Response badRequest(String field, String message) {
        return JsonAnswer.status(400, Map.of("error", "invalid_request", "fields", java.util.List.of(Map.of("field", field, "message", message)))).build();
    }
}
