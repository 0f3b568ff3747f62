package org.entrasfo.sfo.push;

import java.security.interfaces.ECPublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import com.nimbusds.jwt.JWTClaimsSet;
import org.entrasfo.broker.transaction.EntraEvents;
import org.entrasfo.sfo.push.webpush.PushServiceAllowList;
import org.entrasfo.sfo.push.webpush.PushSubscription;
import org.entrasfo.sfo.push.webpush.Vapid;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.BruteForceProtector;

/**
 * The realm endpoints of the push protocol ({@code docs/push-approval-protocol.md}) under
 * {@code /realms/{realm}/sfo-push}: the web app's files, the device's signed requests and the browser's wait channel.
 * Every answer is JSON that no cache keeps; a refusal is an OAuth-style error and a Keycloak event with the reason.
 */
public class PushApprovalResource {

    private static final Logger LOG = Logger.getLogger(PushApprovalResource.class);
    static final String JWT = "application/jwt";
    static final int MAX_DEVICE_NAME = 100;
    static final String ERROR_INVALID_DEVICE_REQUEST = "sfo_push_invalid_device_request";
    static final String ERROR_DENIED = "sfo_push_denied";
    static final String ERROR_NOT_REQUESTED = "sfo_push_not_requested";
    static final String ERROR_WRONG_NUMBER = "sfo_push_wrong_number";

    private final KeycloakSession session;
    private final RealmModel realm;

    public PushApprovalResource(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
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
        body.put("vapid_public_key", Vapid.publicKeyBase64Url((ECPublicKey) VapidKeys.of(realm).getPublic()));
        body.put("enrolment_endpoint", realmUrl() + "/sfo-push/device/enrolments");
        return json(200, body);
    }

    @POST
    @Path("device/enrolments")
    @Consumes(JWT)
    @Produces(MediaType.APPLICATION_JSON)
    public Response enrol(String body) {
        try {
            DeviceRequests.VerifiedEnrolment request = new DeviceRequests(session, realm).verifyEnrolment(body);
            JWTClaimsSet claims = request.claims();
            PushEnrolments enrolments = new PushEnrolments(session);
            String token = stringClaim(claims, "enrolment_token");
            String code = stringClaim(claims, "enrolment_code");
            Optional<PushEnrolments.Pending> pending = token != null ? enrolments.forToken(realm, token)
                    : code != null ? enrolments.forCode(realm, code) : Optional.empty();
            if (pending.isEmpty()) {
                throw DeviceRequestRefused.invalidToken("enrolment token or code invalid, expired or already used");
            }
            String name = deviceName(stringClaim(claims, "device_name"));
            String platform = truncate(stringClaim(claims, "platform"), 60);
            Map<String, Object> subscription = acceptedSubscription(DeviceRequests.claimObject(claims, "push_subscription"));
            UserModel user = session.users().getUserById(realm, pending.get().userId());
            if (user == null || !user.isEnabled()) {
                throw DeviceRequestRefused.invalidToken("the user of this enrolment cannot enrol");
            }
            if (!enrolments.spend(pending.get())) {
                throw DeviceRequestRefused.invalidToken("enrolment token or code invalid, expired or already used");
            }
            PushDeviceCredential device = PushDeviceCredential.newDevice(name, request.publicKey().toJSONObject(), platform, subscription);
            String credentialId = user.credentialManager().createStoredCredential(device.toModel()).getId();
            enrolments.completed(pending.get(), credentialId);
            event(EventType.UPDATE_CREDENTIAL).user(user)
                    .detail("credential_type", PushDeviceCredential.TYPE).detail("credential_id", credentialId)
                    .detail(EntraEvents.REASON, "push device enrolled" + (subscription == null ? " (poll only)" : ""))
                    .success();
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("credential_id", credentialId);
            answer.put("user_id", user.getId());
            answer.put("username", user.getUsername());
            answer.put("realm", realm.getName());
            answer.put("realm_url", realmUrl());
            answer.put("push", subscription != null);
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
        try {
            DeviceRequests.Verified request = new DeviceRequests(session, realm).verify(body, "subscribe");
            Map<String, Object> subscription = acceptedSubscription(DeviceRequests.claimObject(request.claims(), "push_subscription"));
            PushDeviceCredentialProvider.update(request.user(), request.device().withSubscription(subscription));
            return json(200, Map.of("push", subscription != null));
        } catch (DeviceRequestRefused refused) {
            return refuse(refused, null);
        }
    }

    @POST
    @Path("device/requests")
    @Consumes(JWT)
    @Produces(MediaType.APPLICATION_JSON)
    public Response pending(String body) {
        try {
            DeviceRequests.Verified request = new DeviceRequests(session, realm).verify(body, "poll");
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
        PushChallenge challenge = null;
        try {
            DeviceRequests.Verified request = new DeviceRequests(session, realm).verify(body, "context");
            challenge = answerable(id, request);
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
            return refuse(refused, challenge);
        }
    }

    @POST
    @Path("device/challenges/{id}/response")
    @Consumes(JWT)
    @Produces(MediaType.APPLICATION_JSON)
    public Response respond(@PathParam("id") String id, String body) {
        PushChallenge challenge = null;
        try {
            DeviceRequests.Verified request = new DeviceRequests(session, realm).verify(body, null);
            challenge = answerable(id, request);
            PushOutcome.Result result = judge(challenge, request);
            PushChallenges challenges = new PushChallenges(session);
            if (lockedOut(request.user())) {
                throw new DeviceRequestRefused(403, "access_denied", "the user is locked out for now");
            }
            if (!challenges.claimAnswer(challenge)) {
                throw new DeviceRequestRefused(409, "challenge_answered", "this challenge was already answered");
            }
            long now = Time.currentTime();
            challenges.recordOutcome(challenge, new PushOutcome(result, request.device().credentialId(), now));
            PushDeviceCredentialProvider.update(request.user(), request.device().usedAt(now));
            if (result == PushOutcome.Result.APPROVED) {
                new PushThrottle(session).clear(realm.getId(), request.user().getId());
            } else {
                refusedByUser(challenge, request, result);
            }
            return json(200, Map.of("result", result.protocolName()));
        } catch (DeviceRequestRefused refused) {
            return refuse(refused, challenge);
        }
    }

    /** Approve with the right number, or deny; anything else is not an answer. */
    private static PushOutcome.Result judge(PushChallenge challenge, DeviceRequests.Verified request) throws DeviceRequestRefused {
        Object number = request.claims().getClaim("number");
        switch (String.valueOf(request.act())) {
            case "approve":
                if (!(number instanceof Number given)) {
                    throw DeviceRequestRefused.invalidRequest("approve needs the number the user chose");
                }
                return given.longValue() == challenge.number() ? PushOutcome.Result.APPROVED : PushOutcome.Result.WRONG_NUMBER;
            case "deny":
                return "not_requested".equals(request.claims().getClaim("reason"))
                        ? PushOutcome.Result.NOT_REQUESTED : PushOutcome.Result.DENIED;
            default:
                throw DeviceRequestRefused.invalidRequest("act must be approve or deny");
        }
    }

    /** An explicit denial or a wrong number counts toward the brute-force lockout, and the security team hears of it. */
    private void refusedByUser(PushChallenge challenge, DeviceRequests.Verified request, PushOutcome.Result result) {
        String error = switch (result) {
            case NOT_REQUESTED -> ERROR_NOT_REQUESTED;
            case WRONG_NUMBER -> ERROR_WRONG_NUMBER;
            default -> ERROR_DENIED;
        };
        String reason = switch (result) {
            case NOT_REQUESTED -> "user reported a sign-in they did not request";
            case WRONG_NUMBER -> "wrong number chosen on the device";
            default -> "user denied on the device";
        };
        withChallenge(event(EventType.LOGIN_ERROR), challenge).user(request.user())
                .detail("credential_id", request.device().credentialId())
                .detail(EntraEvents.REASON, reason).error(error);
        if (realm.isBruteForceProtected()) {
            session.getProvider(BruteForceProtector.class).failedLogin(realm, request.user(),
                    session.getContext().getConnection(), session.getContext().getUri(), null);
        }
        LOG.debugf("Push challenge refused by the user's device in realm %s: %s", realm.getName(), reason);
    }

    /** The challenge the path names, if this device's user may still answer it. */
    private PushChallenge answerable(String id, DeviceRequests.Verified request) throws DeviceRequestRefused {
        Object named = request.claims().getClaim("challenge");
        if (named != null && !id.equals(named)) {
            throw DeviceRequestRefused.invalidRequest("the challenge claim does not match the path");
        }
        PushChallenges challenges = new PushChallenges(session);
        // Another user's challenge is "not found": a device learns nothing about other people's sign-ins.
        PushChallenge challenge = challenges.find(id)
                .filter(found -> found.realmId().equals(realm.getId()) && found.userId().equals(request.user().getId()))
                .orElseThrow(() -> new DeviceRequestRefused(404, "challenge_not_found", "no such challenge for this device"));
        if (challenge.isExpired(Time.currentTime())) {
            throw new DeviceRequestRefused(410, "challenge_expired", "the sign-in request has expired");
        }
        if (!challenges.isCurrent(challenge)) {
            throw new DeviceRequestRefused(410, "challenge_replaced", "a newer sign-in request replaced this one");
        }
        return challenge;
    }

    private boolean lockedOut(UserModel user) {
        if (!realm.isBruteForceProtected()) {
            return false;
        }
        BruteForceProtector protector = session.getProvider(BruteForceProtector.class);
        return protector.isTemporarilyDisabled(session, realm, user) || protector.isPermanentlyLockedOut(session, realm, user);
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
                .map(state -> json(200, Map.of("state", state.name().toLowerCase(java.util.Locale.ROOT))))
                .orElseGet(() -> json(404, Map.of("error", "not_found")));
    }

    // ---- shared ----

    private Map<String, Object> acceptedSubscription(Map<String, Object> claim) throws DeviceRequestRefused {
        if (claim == null || claim.isEmpty()) {
            return null;
        }
        PushSubscription subscription;
        try {
            subscription = PushSubscription.fromJson(claim);
        } catch (IllegalArgumentException e) {
            throw new DeviceRequestRefused(400, "invalid_push_subscription", e.getMessage());
        }
        PushServiceAllowList allowList = PushServiceSettings.allowList();
        if (!allowList.allows(subscription.endpoint())) {
            throw new DeviceRequestRefused(400, "invalid_push_subscription",
                    "this realm does not send to the push service of " + subscription.endpoint().getHost());
        }
        return subscription.toJson();
    }

    private static String deviceName(String name) throws DeviceRequestRefused {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_DEVICE_NAME || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw DeviceRequestRefused.invalidRequest("device_name must be 1 to " + MAX_DEVICE_NAME + " printable characters");
        }
        return trimmed;
    }

    private static String truncate(String value, int length) {
        return value == null ? null : value.length() <= length ? value : value.substring(0, length);
    }

    private static String stringClaim(JWTClaimsSet claims, String name) throws DeviceRequestRefused {
        Object value = claims.getClaim(name);
        if (value != null && !(value instanceof String)) {
            throw DeviceRequestRefused.invalidRequest(name + " must be a string");
        }
        return (String) value;
    }

    private Response refuse(DeviceRequestRefused refused, PushChallenge challenge) {
        EventBuilder event = withChallenge(event(EventType.LOGIN_ERROR), challenge)
                .detail(EntraEvents.REASON, refused.getMessage());
        event.error(ERROR_INVALID_DEVICE_REQUEST);
        return json(refused.status(), Map.of("error", refused.error(), "error_description", refused.getMessage()));
    }

    private EventBuilder withChallenge(EventBuilder event, PushChallenge challenge) {
        if (challenge != null) {
            event.client(challenge.clientId()).detail(EntraEvents.FACTOR, PushApprovalAuthenticator.FACTOR);
            if (challenge.clientRequestId() != null) {
                event.detail(EntraEvents.CLIENT_REQUEST_ID, challenge.clientRequestId());
            }
            if (challenge.tenant() != null) {
                event.detail(EntraEvents.TENANT_ID, challenge.tenant());
            }
        }
        return event;
    }

    private EventBuilder event(EventType type) {
        return new EventBuilder(realm, session, session.getContext().getConnection()).event(type)
                .detail(EntraEvents.FACTOR, PushApprovalAuthenticator.FACTOR);
    }

    private String realmUrl() {
        return PushEnrolments.realmUrl(session, realm);
    }

    static Response json(int status, Object body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body)
                .header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }
}
