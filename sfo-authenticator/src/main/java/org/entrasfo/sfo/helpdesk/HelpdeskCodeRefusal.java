package org.entrasfo.sfo.helpdesk;

import jakarta.ws.rs.core.Response;
import org.entrasfo.factor.realm.AdminErrors;

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
        return AdminErrors.of(status, field, getMessage());
    }
}
