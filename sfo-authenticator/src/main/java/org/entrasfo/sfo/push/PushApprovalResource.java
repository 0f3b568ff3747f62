package org.entrasfo.sfo.push;

import java.security.interfaces.ECPublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.entrasfo.factor.transaction.EntraEvents;
import org.entrasfo.sfo.push.webpush.Vapid;
import org.keycloak.common.util.Time;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The realm endpoints of the push protocol ({@code docs/push-approval-protocol.md}) under
 * {@code /realms/{realm}/sfo-push} of a tenant realm (the factory refuses every other realm and sources over their
 * limit): the web app's files, the device's signed requests and the browser's wait channel. Every answer is JSON that
 * no cache keeps; a refusal is an OAuth-style error, and a Keycloak event once the request is tied to a user.
 */
public class PushApprovalResource {

    static final String JWT = "application/jwt";
    private static final Set<String> ANSWERS = Set.of("approve", "deny");

    private final KeycloakSession session;
    private final RealmModel realm;
    private final VapidKeys vapidKeys;
    private final PushEvents events;

    public PushApprovalResource(KeycloakSession session, VapidKeys vapidKeys) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.vapidKeys = vapidKeys;
        this.events = new PushEvents(session, realm);
    }

    // ---- the web app ----

    @GET
    @Path("app")
    public Response appRoot() {
        return Response.status(Response.Status.MOVED_PERMANENTLY)
                .location(session.getContext().getUri().getRequestUriBuilder().path("/").build()).build();
    }

    @GET
    @Path("app/{file: .*}")
    public Response appFile(@PathParam("file") String file) {
        return PushApp.file(session, file.isEmpty() ? "index.html" : file);
    }

    // ---- the device ----

    @GET
    @Path("device/configuration")
    @Produces(MediaType.APPLICATION_JSON)
    public Response configuration() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("protocol_version", 1);
        body.put("realm_url", realmUrl());
        body.put("vapid_public_key", Vapid.publicKeyBase64Url((ECPublicKey) vapidKeys.of(session, realm).getPublic()));
        body.put("enrolment_endpoint", realmUrl() + "/sfo-push/device/enrolments");
        return json(200, body);
    }

    @POST
    @Path("device/enrolments")
    @Consumes(JWT)
    @Produces(MediaType.APPLICATION_JSON)
    public Response enrol(String body) {
        try {
            DeviceEnrolment.Enrolled enrolled = new DeviceEnrolment(session, realm).enrol(body);
            events.event(EventType.UPDATE_CREDENTIAL).user(enrolled.user())
                    .detail("credential_type", PushDeviceCredential.TYPE).detail("credential_id", enrolled.credentialId())
                    .detail(EntraEvents.REASON, "push device enrolled" + (enrolled.push() ? "" : " (poll only)"))
                    .success();
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("credential_id", enrolled.credentialId());
            answer.put("user_id", enrolled.user().getId());
            answer.put("username", enrolled.user().getUsername());
            answer.put("realm", realm.getName());
            answer.put("realm_url", realmUrl());
            answer.put("push", enrolled.push());
            return json(201, answer);
        } catch (DeviceRequestRefused refused) {
            return refuse(refused, null);
        }
    }

    @POST
    @Path("device/subscription")
    @Consumes(JWT)
    @Produces(MediaType.APPLICATION_JSON)
    public Response subscribe(String body) {
        DeviceRequests.Verified request = null;
        try {
            request = new DeviceRequests(session, realm).verify(body, Set.of("subscribe"), null);
            Map<String, Object> subscription = DeviceEnrolment.acceptedSubscription(
                    DeviceRequests.claimObject(request.claims(), "push_subscription"));
            PushDeviceCredentialProvider.update(request.user(), request.device().withSubscription(subscription));
            return json(200, Map.of("push", subscription != null));
        } catch (DeviceRequestRefused refused) {
            return refuse(refused.concerning(userIdOf(request)), null);
        }
    }

    @POST
    @Path("device/requests")
    @Consumes(JWT)
    @Produces(MediaType.APPLICATION_JSON)
    public Response pending(String body) {
        try {
            DeviceRequests.Verified request = new DeviceRequests(session, realm).verify(body, Set.of("poll"), null);
            List<Map<String, Object>> challenges = new PushChallenges(session)
                    .pendingFor(realm.getId(), request.user().getId(), Time.currentTime()).stream()
                    .map(challenge -> Map.<String, Object>of("challenge", challenge.id(), "expires_at", challenge.expiresAt()))
                    .toList();
            return json(200, Map.of("challenges", challenges));
        } catch (DeviceRequestRefused refused) {
            return refuse(refused, null);
        }
    }

    @POST
    @Path("device/challenges/{id}/context")
    @Consumes(JWT)
    @Produces(MediaType.APPLICATION_JSON)
    public Response context(@PathParam("id") String id, String body) {
        DeviceRequests.Verified request = null;
        PushChallenge challenge = null;
        try {
            request = new DeviceRequests(session, realm).verify(body, Set.of("context"), id);
            challenge = new ChallengeAnswers(session, realm, events).answerable(id, request);
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("challenge", challenge.id());
            context.put("application", challenge.application());
            context.put("organization", challenge.organization());
            context.put("tenant", challenge.tenant());
            context.put("client_ip", challenge.clientIp());
            context.put("created_at", challenge.createdAt());
            context.put("expires_at", challenge.expiresAt());
            context.put("number_matching", challenge.matching().protocolName());
            if (challenge.matching() == NumberMatching.CHOOSE) {
                context.put("choices", challenge.choices());
            }
            return json(200, context);
        } catch (DeviceRequestRefused refused) {
            return refuse(refused.concerning(userIdOf(request)), challenge);
        }
    }

    @POST
    @Path("device/challenges/{id}/response")
    @Consumes(JWT)
    @Produces(MediaType.APPLICATION_JSON)
    public Response respond(@PathParam("id") String id, String body) {
        DeviceRequests.Verified request = null;
        PushChallenge challenge = null;
        try {
            request = new DeviceRequests(session, realm).verify(body, ANSWERS, id);
            ChallengeAnswers answers = new ChallengeAnswers(session, realm, events);
            challenge = answers.answerable(id, request);
            return json(200, Map.of("result", answers.answer(challenge, request).protocolName()));
        } catch (DeviceRequestRefused refused) {
            return refuse(refused.concerning(userIdOf(request)), challenge);
        }
    }

    // ---- the browser ----

    @GET
    @Path("browser/challenges/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response challengeState(@PathParam("id") String id, @QueryParam("watch") String watch) {
        PushChallenges challenges = new PushChallenges(session);
        Optional<PushChallenge> found = challenges.find(id).filter(challenge -> PushChallenges.watchedBy(challenge, watch));
        if (found.isEmpty()) {
            return json(404, Map.of("error", "not_found"));
        }
        PushChallenge challenge = found.get();
        String state = challenges.outcome(id).map(outcome -> outcome.result().protocolName())
                .orElseGet(() -> !challenges.isCurrent(challenge) ? "replaced"
                        : challenge.isExpired(Time.currentTime()) ? "expired" : "pending");
        return json(200, Map.of("state", state, "expires_at", challenge.expiresAt()));
    }

    @GET
    @Path("browser/enrolments/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response enrolmentState(@PathParam("id") String id, @QueryParam("watch") String watch) {
        return new PushEnrolments(session).stateFor(id, watch)
                .map(state -> json(200, Map.of("state", state.name().toLowerCase(Locale.ROOT))))
                .orElseGet(() -> json(404, Map.of("error", "not_found")));
    }

    // ---- shared ----

    private static String userIdOf(DeviceRequests.Verified request) {
        return request == null ? null : request.user().getId();
    }

    private Response refuse(DeviceRequestRefused refused, PushChallenge challenge) {
        events.refused(refused, challenge);
        return json(refused.status(), Map.of("error", refused.error(), "error_description", refused.getMessage()));
    }

    private String realmUrl() {
        return PushEnrolments.realmUrl(session, realm);
    }

    static Response json(int status, Object body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body)
                .header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }
}
