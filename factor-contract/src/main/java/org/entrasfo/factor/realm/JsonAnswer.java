package org.entrasfo.factor.realm;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Every JSON answer of our REST endpoints. No cache (browser, proxy) may keep one: they name users, codes, devices
 * and realm settings. No browser may sniff one into a page, even when a realm's admin empties Keycloak's own
 * {@code X-Content-Type-Options} setting.
 */
public final class JsonAnswer {

    private JsonAnswer() {
    }

    public static Response.ResponseBuilder status(int status, Object body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body)
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache")
                .header("X-Content-Type-Options", "nosniff");
    }

    public static Response ok(Object body) {
        return status(200, body).build();
    }
}
