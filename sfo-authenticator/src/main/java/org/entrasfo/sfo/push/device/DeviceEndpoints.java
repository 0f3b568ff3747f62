package org.entrasfo.sfo.push.device;

import java.security.interfaces.ECPublicKey;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.entrasfo.factor.transaction.EntraEvents;
import org.entrasfo.sfo.push.PushDeviceCredential;
import org.entrasfo.sfo.push.PushDeviceCredentialProvider;
import org.entrasfo.sfo.push.challenge.PushChallenge;
import org.entrasfo.sfo.push.challenge.PushChallenges;
import org.entrasfo.sfo.push.endpoint.PushAnswers;
import org.entrasfo.sfo.push.enrolment.PushEnrolments;
import org.entrasfo.sfo.push.webpush.PushServiceAllowList;
import org.entrasfo.sfo.push.webpush.Vapid;
import org.entrasfo.sfo.push.webpush.VapidKeys;
import org.keycloak.common.util.Time;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The device's endpoints under {@code /realms/{realm}/sfo-push/device} (protocol sections 1 to 3): its configuration,
 * and signed requests to enrol, to subscribe, to poll, to read and to answer a challenge. Every request but the
 * configuration is a JWS that {@link DeviceRequests} checks before anything is read for a user; a refusal is an
 * OAuth-style error, and a Keycloak event once the request is tied to a user.
 */
public class DeviceEndpoints {

    static final String JWT = "application/jwt";
    private static final Set<String> ANSWERS = Set.of("approve", "deny");

    private final KeycloakSession session;
    private final RealmModel realm;
    private final VapidKeys vapidKeys;
    private final PushServiceAllowList allowList;
    private final PushEvents events;

    public DeviceEndpoints(KeycloakSession session, VapidKeys vapidKeys, PushServiceAllowList allowList) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.vapidKeys = vapidKeys;
        this.allowList = allowList;
        this.events = new PushEvents(session, realm);
    }

    @GET
    @Path("configuration")
    @Produces(MediaType.APPLICATION_JSON)
    public Response configuration() {
        String realmUrl = realmUrl();
        return PushAnswers.json(200, new DeviceAnswers.Configuration(1, realmUrl,
                Vapid.publicKeyBase64Url((ECPublicKey) vapidKeys.of(session, realm).getPublic()),
                realmUrl + "/sfo-push/device/enrolments"));
    }

    @POST
    @Path("enrolments")
    @Consumes(JWT)
    @Produces(MediaType.APPLICATION_JSON)
    public Response enrol(String body) {
        try {
            DeviceEnrolment.Enrolled enrolled = new DeviceEnrolment(session, realm, allowList).enrol(body);
            events.event(EventType.UPDATE_CREDENTIAL).user(enrolled.user())
                    .detail("credential_type", PushDeviceCredential.TYPE).detail("credential_id", enrolled.credentialId())
                    .detail(EntraEvents.REASON, "push device enrolled" + (enrolled.push() ? "" : " (poll only)"))
                    .success();
            return PushAnswers.json(201, new DeviceAnswers.EnrolledDevice(enrolled.credentialId(), enrolled.user().getId(),
                    enrolled.user().getUsername(), realm.getName(), realmUrl(), enrolled.push()));
        } catch (DeviceRequestRefused refused) {
            return refuse(refused, null);
        }
    }

    @POST
    @Path("subscription")
    @Consumes(JWT)
    @Produces(MediaType.APPLICATION_JSON)
    public Response subscribe(String body) {
        DeviceRequests.Verified request = null;
        try {
            request = new DeviceRequests(session, realm).verify(body, Set.of("subscribe"), null);
            Map<String, Object> subscription = DeviceEnrolment.acceptedSubscription(
                    DeviceRequests.claimObject(request.claims(), "push_subscription"), allowList);
            PushDeviceCredentialProvider.update(request.user(), request.device().withSubscription(subscription));
            return PushAnswers.json(200, new DeviceAnswers.Subscription(subscription != null));
        } catch (DeviceRequestRefused refused) {
            return refuse(refused.concerning(userIdOf(request)), null);
        }
    }

    @POST
    @Path("requests")
    @Consumes(JWT)
    @Produces(MediaType.APPLICATION_JSON)
    public Response pending(String body) {
        try {
            DeviceRequests.Verified request = new DeviceRequests(session, realm).verify(body, Set.of("poll"), null);
            return PushAnswers.json(200, new DeviceAnswers.PendingChallenges(new PushChallenges(session)
                    .pendingFor(realm.getId(), request.user().getId(), Time.currentTime()).stream()
                    .map(challenge -> new DeviceAnswers.PendingChallenge(challenge.id(), challenge.expiresAt()))
                    .toList()));
        } catch (DeviceRequestRefused refused) {
            return refuse(refused, null);
        }
    }

    @POST
    @Path("challenges/{id}/context")
    @Consumes(JWT)
    @Produces(MediaType.APPLICATION_JSON)
    public Response context(@PathParam("id") String id, String body) {
        DeviceRequests.Verified request = null;
        PushChallenge challenge = null;
        try {
            request = new DeviceRequests(session, realm).verify(body, Set.of("context"), id);
            challenge = new ChallengeAnswers(session, realm, events).answerable(id, request);
            return PushAnswers.json(200, DeviceAnswers.ChallengeContext.of(challenge));
        } catch (DeviceRequestRefused refused) {
            return refuse(refused.concerning(userIdOf(request)), challenge);
        }
    }

    @POST
    @Path("challenges/{id}/response")
    @Consumes(JWT)
    @Produces(MediaType.APPLICATION_JSON)
    public Response respond(@PathParam("id") String id, String body) {
        DeviceRequests.Verified request = null;
        PushChallenge challenge = null;
        try {
            request = new DeviceRequests(session, realm).verify(body, ANSWERS, id);
            ChallengeAnswers answers = new ChallengeAnswers(session, realm, events);
            challenge = answers.answerable(id, request);
            return PushAnswers.json(200, new DeviceAnswers.Result(answers.answer(challenge, request).protocolName()));
        } catch (DeviceRequestRefused refused) {
            return refuse(refused.concerning(userIdOf(request)), challenge);
        }
    }

    private static String userIdOf(DeviceRequests.Verified request) {
        return request == null ? null : request.user().getId();
    }

    private Response refuse(DeviceRequestRefused refused, PushChallenge challenge) {
        events.refused(refused, challenge);
        return PushAnswers.refusal(refused.status(), refused.error(), refused.getMessage());
    }

    private String realmUrl() {
        return PushEnrolments.realmUrl(session, realm);
    }
}
