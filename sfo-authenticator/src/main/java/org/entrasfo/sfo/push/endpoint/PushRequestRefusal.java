package org.entrasfo.sfo.push.endpoint;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * What every path under {@code /realms/{realm}/sfo-push} answers when the request goes no further: in a realm that
 * serves no Entra tenant (master included) nothing of the push protocol exists, and a source over its limit is told
 * when to come back. Nothing is read from the store, nothing written, no event.
 */
public final class PushRequestRefusal {

    private final Response.Status status;
    private final PushAnswers.Refusal refusal;
    private final long retryAfterSeconds;

    private PushRequestRefusal(Response.Status status, String error, String description, long retryAfterSeconds) {
        this.status = status;
        this.refusal = new PushAnswers.Refusal(error, description);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static PushRequestRefusal notATenantRealm() {
        return new PushRequestRefusal(Response.Status.NOT_FOUND, "not_found", "this realm serves no push approval", 0);
    }

    static PushRequestRefusal tooManyRequests(long retryAfterSeconds) {
        return new PushRequestRefusal(Response.Status.TOO_MANY_REQUESTS, "slow_down",
                "too many requests from this address; try again in " + retryAfterSeconds + " s", retryAfterSeconds);
    }

    @GET
    public Response getRoot() {
        return answer();
    }

    @GET
    @Path("{any: .+}")
    public Response get() {
        return answer();
    }

    @POST
    public Response postRoot() {
        return answer();
    }

    @POST
    @Path("{any: .+}")
    public Response post() {
        return answer();
    }

    private Response answer() {
        Response.ResponseBuilder response = Response.fromResponse(PushAnswers.json(status.getStatusCode(), refusal));
        if (retryAfterSeconds > 0) {
            response.header("Retry-After", Long.toString(retryAfterSeconds));
        }
        return response.build();
    }
}
