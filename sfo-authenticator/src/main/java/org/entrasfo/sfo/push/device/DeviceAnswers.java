package org.entrasfo.sfo.push.device;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.entrasfo.sfo.push.NumberMatching;
import org.entrasfo.sfo.push.challenge.PushChallenge;

/** What the device endpoints answer, named as {@code docs/push-approval-openapi.yaml} names it. */
public final class DeviceAnswers {

    private DeviceAnswers() {
    }

    /** {@code GET device/configuration}: what a device needs before enrolling. */
    public record Configuration(@JsonProperty("protocol_version") int protocolVersion,
                                @JsonProperty("realm_url") String realmUrl,
                                @JsonProperty("vapid_public_key") String vapidPublicKey,
                                @JsonProperty("enrolment_endpoint") String enrolmentEndpoint) {
    }

    /** {@code POST device/enrolments}: the device is now a credential of this user. */
    public record EnrolledDevice(@JsonProperty("credential_id") String credentialId,
                                 @JsonProperty("user_id") String userId,
                                 @JsonProperty("username") String username,
                                 @JsonProperty("realm") String realm,
                                 @JsonProperty("realm_url") String realmUrl,
                                 @JsonProperty("push") boolean push) {
    }

    /** {@code POST device/subscription}: whether the realm will push to the device (false: it polls). */
    public record Subscription(@JsonProperty("push") boolean push) {
    }

    /** {@code POST device/requests}: zero or one challenge the device may answer. */
    public record PendingChallenges(@JsonProperty("challenges") List<PendingChallenge> challenges) {
    }

    public record PendingChallenge(@JsonProperty("challenge") String challenge, @JsonProperty("expires_at") long expiresAt) {
    }

    /**
     * {@code POST device/challenges/{id}/context}: what the device shows, no personal data beyond a coarse network.
     * Unknown parts are written as null, so a device tells "not known" from an old realm; choices only when the user
     * picks one of them.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ChallengeContext(@JsonProperty("challenge") String challenge,
                                   @JsonProperty("application") String application,
                                   @JsonProperty("organization") String organization,
                                   @JsonProperty("tenant") String tenant,
                                   @JsonProperty("client_ip") String clientIp,
                                   @JsonProperty("created_at") long createdAt,
                                   @JsonProperty("expires_at") long expiresAt,
                                   @JsonProperty("number_matching") String numberMatching,
                                   @JsonProperty("choices") @JsonInclude(JsonInclude.Include.NON_NULL) List<Integer> choices) {

        static ChallengeContext of(PushChallenge challenge) {
            return new ChallengeContext(challenge.id(), challenge.application(), challenge.organization(), challenge.tenant(),
                    challenge.clientIp(), challenge.createdAt(), challenge.expiresAt(), challenge.matching().protocolName(),
                    challenge.matching() == NumberMatching.CHOOSE ? challenge.choices() : null);
        }
    }

    /** {@code POST device/challenges/{id}/response}: the one answer of the challenge. */
    public record Result(@JsonProperty("result") String result) {
    }
}
