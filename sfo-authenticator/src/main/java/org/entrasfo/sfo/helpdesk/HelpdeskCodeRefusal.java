package org.entrasfo.sfo.helpdesk;

import org.entrasfo.factor.realm.JsonAnswer;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.representations.idm.ErrorRepresentation;

/** Why the issuing endpoint said no, in the one shape every admin endpoint of ours answers errors with. */
final class HelpdeskCodeRefusal extends Exception {

    private final Response.Status status;
    private final String field;

    private HelpdeskCodeRefusal(Response.Status status, String field, String message) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
    }

    static HelpdeskCodeRefusal badRequest(String field, String message) {
        return new HelpdeskCodeRefusal(Response.Status.BAD_REQUEST, field, message);
    }

    static HelpdeskCodeRefusal forbidden(String field, String message) {
        return new HelpdeskCodeRefusal(Response.Status.FORBIDDEN, field, message);
    }

    String field() {
        return field;
    }

    Response.Status status() {
        return status;
    }

    Response response() {
        return JsonAnswer.status(status.getStatusCode(), new ErrorRepresentation(field, getMessage(), null)).build();
    }
}
