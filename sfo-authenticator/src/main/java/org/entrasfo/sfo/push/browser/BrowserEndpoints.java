package org.entrasfo.sfo.push.browser;

import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.entrasfo.sfo.push.challenge.PushChallenge;
import org.entrasfo.sfo.push.challenge.PushChallenges;
import org.entrasfo.sfo.push.endpoint.PushAnswers;
import org.entrasfo.sfo.push.enrolment.PushEnrolments;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;

/**
 * The browser's wait channel under {@code /realms/{realm}/sfo-push/browser} (protocol section 4): short polls of the
 * sign-in page and the enrolment page, which any node can answer. Only the page that holds the challenge's or the
 * enrolment's own secret ({@code watch}) learns anything; everyone else hears "not found". Nothing is written.
 */
public class BrowserEndpoints {

    /** What the sign-in page learns about its challenge. */
    public record ChallengeState(@JsonProperty("state") String state, @JsonProperty("expires_at") long expiresAt) {
    }

    /** What the enrolment page learns about its enrolment. */
    public record EnrolmentState(@JsonProperty("state") String state) {
    }

    private final KeycloakSession session;

    public BrowserEndpoints(KeycloakSession session) {
        this.session = session;
    }

    @GET
    @Path("challenges/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response challengeState(@PathParam("id") String id, @QueryParam("watch") String watch) {
        PushChallenges challenges = new PushChallenges(session);
        Optional<PushChallenge> found = challenges.find(id).filter(challenge -> PushChallenges.watchedBy(challenge, watch));
        if (found.isEmpty()) {
            return notFound();
        }
        PushChallenge challenge = found.get();
        String state = challenges.outcome(id).map(outcome -> outcome.result().protocolName())
                .orElseGet(() -> !challenges.isCurrent(challenge) ? "replaced"
                        : challenge.isExpired(Time.currentTime()) ? "expired" : "pending");
        return PushAnswers.json(200, new ChallengeState(state, challenge.expiresAt()));
    }

    @GET
    @Path("enrolments/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response enrolmentState(@PathParam("id") String id, @QueryParam("watch") String watch) {
        return new PushEnrolments(session).stateFor(id, watch)
                .map(state -> PushAnswers.json(200, new EnrolmentState(state.name().toLowerCase(Locale.ROOT))))
                .orElseGet(BrowserEndpoints::notFound);
    }

    /** Unknown, or not this page's: the same answer, without a description. */
    private static Response notFound() {
        return PushAnswers.refusal(404, "not_found", null);
    }
}
