package org.entrasfo.sfo.push.app;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;

/**
 * The web app's files under {@code /realms/{realm}/sfo-push/app/}: what the device's browser installs. Public, the
 * same for everyone, and nothing is read for a user or written.
 */
public class AppEndpoints {

    private static final String INDEX = "index.html";

    private final KeycloakSession session;

    public AppEndpoints(KeycloakSession session) {
        this.session = session;
    }

    @GET
    public Response appRoot() {
        return appFile("");
    }

    /**
     * {@code app/} is the index page; {@code app} (no slash) redirects there, so that the app's relative links and its
     * service worker's scope are the directory. Decided on the request's own path, whichever of the two methods the
     * router picked for it.
     */
    @GET
    @Path("{file: .*}")
    public Response appFile(@PathParam("file") String file) {
        if (!file.isEmpty()) {
            return PushApp.file(session, file);
        }
        if (session.getContext().getUri().getRequestUri().getRawPath().endsWith("/")) {
            return PushApp.file(session, INDEX);
        }
        return Response.status(Response.Status.MOVED_PERMANENTLY)
                .location(session.getContext().getUri().getRequestUriBuilder().path("/").build()).build();
    }
}
