package org.entrasfo.testclock;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.common.util.Time;
import org.keycloak.models.AdminRoles;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * Reads and sets this node's offset of Keycloak's clock ({@link Time#setOffset(int)}, the mechanism of Keycloak's own
 * test suite), so a test of a time limit moves time instead of sleeping. Only in the master realm and only for a
 * bearer token of a master admin; anything else is "not found" or refused, and nothing is changed.
 */
public class TestClockResource {

    private static final Logger LOG = Logger.getLogger(TestClockResource.class);
    /** A day either way is more than any limit under test; a typo must not throw the server's sessions into next year. */
    static final int MAX_OFFSET_SECONDS = 86_400;

    /** The clock as the tests see it: the offset, and Keycloak's "now" with it. */
    public record Clock(@JsonProperty("offsetSeconds") int offsetSeconds, @JsonProperty("nowMillis") long nowMillis) {
        static Clock now() {
            return new Clock(Time.getOffset(), Time.currentTimeMillis());
        }
    }

    /** What a test asks for: the offset to set, in seconds. */
    public record Offset(@JsonProperty("offsetSeconds") int offsetSeconds) {
    }

    private final KeycloakSession session;

    TestClockResource(KeycloakSession session) {
        this.session = session;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response read() {
        Response refusal = refusal();
        return refusal != null ? refusal : Response.ok(Clock.now()).build();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response set(Offset offset) {
        Response refusal = refusal();
        if (refusal != null) {
            return refusal;
        }
        if (offset == null || Math.abs(offset.offsetSeconds()) > MAX_OFFSET_SECONDS) {
            return Response.status(Response.Status.BAD_REQUEST).build();
        }
        Time.setOffset(offset.offsetSeconds());
        LOG.infof("Test clock: Keycloak's time offset is now %d s", offset.offsetSeconds());
        return Response.ok(Clock.now()).build();
    }

    /** Null when the request may read or move the clock. */
    private Response refusal() {
        RealmModel realm = session.getContext().getRealm();
        if (!Config.getAdminRealm().equals(realm.getName())) {
            return Response.status(Response.Status.NOT_FOUND).build();
        }
        if (session.getContext().getRequestHeaders().getHeaderString(HttpHeaders.AUTHORIZATION) == null) {
            return Response.status(Response.Status.UNAUTHORIZED).build();
        }
        AuthenticationManager.AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session).authenticate();
        if (auth == null) {
            return Response.status(Response.Status.UNAUTHORIZED).build();
        }
        RoleModel admin = realm.getRole(AdminRoles.ADMIN);
        if (admin == null || !auth.getUser().hasRole(admin)) {
            return Response.status(Response.Status.FORBIDDEN).build();
        }
        return null;
    }
}
