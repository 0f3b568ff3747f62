package org.entrasfo.sfo.helpdesk;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.entrasfo.factor.realm.JsonAnswer;
import org.entrasfo.factor.ServerClock;
import org.entrasfo.sfo.code.SaltedCodeHash;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.keycloak.util.JsonSerialization;

/**
 * {@code POST /admin/realms/{realm}/entra-sfo-helpdesk/codes}: a help desk operator (realm role
 * {@value HelpdeskIssuers#ROLE}, or an admin who may manage the user) issues a temporary code for a user who lost
 * their device, within the realm's limits ({@link HelpdeskCodeLimits}) and to whom {@link HelpdeskIssuers} allows.
 * The code is in the answer once and nowhere else; the admin event names the user, the validity, the uses and the
 * amr, never the code.
 */
public class HelpdeskCodeResource {

    static final int DIGITS = 8;

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

    @POST
    @Path("codes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response issue(String body) {
        try {
            return issue(parse(body));
        } catch (HelpdeskCodeRefusal refusal) {
            return refusal.response();
        }
    }

    private Response issue(HelpdeskCodeRequest request) throws HelpdeskCodeRefusal {
        String username = request.trimmedUsername();
        UserModel user = username == null ? null : session.users().getUserByUsername(realm, username);
        HelpdeskIssuers issuers = new HelpdeskIssuers(realm, auth);
        issuers.requireIssuer(user);
        if (user == null) {
            throw HelpdeskCodeRefusal.badRequest("username", "No such user in this realm.");
        }
        issuers.requireMayIssueTo(user);
        HelpdeskCodeRequest.Order order = request.check(HelpdeskCodeLimits.forRealm(realm));

        String code = SaltedCodeHash.newCode(DIGITS);
        Instant now = ServerClock.now();
        Instant expiresAt = now.plus(order.validity());
        String issuedBy = auth.adminAuth().getUser().getUsername() + "@" + auth.adminAuth().getRealm().getName();
        HelpdeskCode issued = new HelpdeskCode(null, SaltedCodeHash.of(code), now, expiresAt, order.uses(), order.method(), issuedBy);
        // One code at a time: a new one replaces what the user still holds, expired codes included.
        HelpdeskCodeAuthenticator.provider(session).removeAll(user);
        user.credentialManager().createStoredCredential(issued.toModel());

        Map<String, Object> audit = new LinkedHashMap<>();
        audit.put("username", user.getUsername());
        audit.put("expiresAt", expiresAt.toString());
        audit.put("singleUse", issued.singleUse());
        audit.put("uses", issued.uses());
        audit.put("amr", issued.method().amr());
        adminEvent.operation(OperationType.CREATE).resource(ResourceType.USER)
                .resourcePath("entra-sfo-helpdesk", "codes", user.getId()).representation(audit).success();

        Map<String, Object> answer = new LinkedHashMap<>(audit);
        answer.put("code", code.substring(0, 4) + " " + code.substring(4));
        return JsonAnswer.status(Response.Status.CREATED.getStatusCode(), answer).build();
    }

    /** Read here rather than by the JAX-RS layer, so a malformed body gets the same error shape as every refusal. */
    static HelpdeskCodeRequest parse(String body) throws HelpdeskCodeRefusal {
        if (body == null || body.isBlank()) {
            throw HelpdeskCodeRefusal.badRequest("username", "The request needs at least a username.");
        }
        try {
            HelpdeskCodeRequest request = JsonSerialization.readValue(body, HelpdeskCodeRequest.class);
            if (request == null) {
                // The JSON text "null" reads as no request at all.
                throw HelpdeskCodeRefusal.badRequest("username", "The request needs at least a username.");
            }
            return request;
        } catch (JsonMappingException e) {
            String field = e.getPath().isEmpty() ? null : e.getPath().get(0).getFieldName();
            throw HelpdeskCodeRefusal.badRequest(field, field == null ? "Not a valid request." : "Not a valid value, or not a field of this request.");
        } catch (IOException e) {
            throw HelpdeskCodeRefusal.badRequest(null, "The request is not valid JSON.");
        }
    }
}
