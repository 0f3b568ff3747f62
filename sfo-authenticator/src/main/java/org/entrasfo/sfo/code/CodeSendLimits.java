package org.entrasfo.sfo.code;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.keycloak.models.SingleUseObjectProvider;

/**
 * How often one user may be sent codes of one factor, whichever auth session, browser tab or cluster node asks: a
 * cooldown between two sends and an hourly quota, both in Keycloak's single-use store under realm, user and factor.
 * The cooldown is claimed with an atomic put-if-absent before anything is sent, so of many parallel requests one
 * sends and the others are told to wait; a mailbox or phone cannot be flooded from many sign-ins with one hint.
 */
public final class CodeSendLimits {

    /** Why nothing may be sent now; {@code waitSeconds} is how long the cooldown still runs (0 for the quota). */
    public record Refusal(Kind kind, long waitSeconds) {
    }

    public enum Kind { COOLDOWN, HOURLY_QUOTA }

    private final SingleUseObjectProvider store;
    private final SendQuota quota;

    public CodeSendLimits(SingleUseObjectProvider store) {
        this.store = store;
        this.quota = new SendQuota(store);
    }

    /** Claims one send for the user; empty when it may go out, otherwise why not. */
    public Optional<Refusal> claim(String realmId, String userId, String factor, OneTimeCodeSettings settings, Instant now) {
        String scope = realmId + "." + userId + "." + factor;
        long cooldown = settings.resendCooldown().toSeconds();
        if (cooldown > 0) {
            String key = "entra-sfo.code-cooldown." + scope;
            if (!store.putIfAbsent(key, cooldown)) {
                return Optional.of(new Refusal(Kind.COOLDOWN, secondsLeft(key, cooldown, now)));
            }
            store.put(key + ".until", cooldown, Map.of("until", Long.toString(now.getEpochSecond() + cooldown)));
        }
        if (!quota.tryAcquire("code.user." + scope, settings.maxPerUserPerHour(), now)) {
            return Optional.of(new Refusal(Kind.HOURLY_QUOTA, 0));
        }
        return Optional.empty();
    }

    /** How long the user's cooldown for the factor still runs, for the page's countdown to "send again"; 0 when none. */
    public long cooldownLeft(String realmId, String userId, String factor, OneTimeCodeSettings settings, Instant now) {
        long cooldown = settings.resendCooldown().toSeconds();
        String key = "entra-sfo.code-cooldown." + realmId + "." + userId + "." + factor;
        return cooldown <= 0 || !store.contains(key) ? 0 : secondsLeft(key, cooldown, now);
    }

    /** The winner of a race writes when its cooldown ends just after claiming it; until then the full cooldown is told. */
    private long secondsLeft(String key, long cooldown, Instant now) {
        Map<String, String> until = store.get(key + ".until");
        try {
            long left = until == null ? cooldown : Long.parseLong(until.get("until")) - now.getEpochSecond();
            return Math.max(1, Math.min(cooldown, left));
        } catch (NumberFormatException e) {
            return cooldown;
        }
    }
}
