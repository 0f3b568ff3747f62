package org.entrasfo.factor.realm;

import java.util.List;

import jakarta.ws.rs.core.Response;
import org.keycloak.representations.idm.ErrorRepresentation;

/**
 * How every admin REST endpoint of ours refuses: in Keycloak's own error shape, as its admin resources answer
 * validation errors ({@code ErrorResponse.errors}), so an admin tool reads ours like Keycloak's. One problem is
 * {@code {"field": "...", "errorMessage": "..."}}; several are {@code {"errors": [{"field": ..., "errorMessage": ...}, ...]}},
 * one per problem, never cached nor sniffed ({@link JsonAnswer}). The field is the request's field (or query parameter) to fix; none when the whole request is wrong.
 */
public final class AdminErrors {

    private AdminErrors() {
    }

    public static ErrorRepresentation field(String field, String message) {
        return new ErrorRepresentation(field, message, null);
    }

    public static Response of(Response.Status status, String field, String message) {
        return of(status, List.of(field(field, message)));
    }

    public static Response of(Response.Status status, List<ErrorRepresentation> errors) {
        return JsonAnswer.status(status.getStatusCode(), body(errors)).build();
    }

    /** One problem as it is, several under {@code errors}: what Keycloak's {@code ErrorResponse.errors} answers. */
    static ErrorRepresentation body(List<ErrorRepresentation> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a refusal names at least one problem");
        }
        if (errors.size() == 1) {
            return errors.get(0);
        }
        ErrorRepresentation body = new ErrorRepresentation();
        body.setErrors(List.copyOf(errors));
        return body;
    }

    public static Response badRequest(List<ErrorRepresentation> errors) {
        return of(Response.Status.BAD_REQUEST, errors);
    }

    public static Response badRequest(String field, String message) {
        return of(Response.Status.BAD_REQUEST, field, message);
    }
}
