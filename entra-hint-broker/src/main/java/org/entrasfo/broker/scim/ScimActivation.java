package org.entrasfo.broker.scim;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.BruteForceProtector;

/**
 * Who may switch a user on again. Entra's {@code active: true} re-enables only a user SCIM itself disabled (marked
 * here, in an attribute the SCIM mapping does not expose): a user an admin disabled, or one Keycloak's brute-force
 * protector locked permanently, stays disabled. Entra's delete becomes a disable: a hard delete would erase a
 * clinician's factors, and a user re-created afterwards would meet first-time enrolment with only a password.
 */
final class ScimActivation {

    /** Set when a SCIM write or delete disabled the user; removed when the user is enabled again. */
    static final String DISABLED_BY_SCIM = "entra-sfo.scim-disabled";

    private ScimActivation() {
    }

    static Optional<ScimWriteRules.Refusal> refusal(UserModel target, List<ScimUserWrites.Write> writes) {
        Optional<Boolean> active = active(writes);
        if (target != null && active.orElse(false) && !target.isEnabled() && !disabledByScim(target)) {
            return Optional.of(new ScimWriteRules.Refusal(400, "invalidValue",
                    "An admin or the realm's brute-force protection disabled this user; only an admin enables them again."));
        }
        return Optional.empty();
    }

    /** Called once the write is allowed: remembers that SCIM disabled the user, or forgets it when SCIM enables them. */
    static void accepted(UserModel target, List<ScimUserWrites.Write> writes) {
        Optional<Boolean> active = active(writes);
        if (target == null || active.isEmpty()) {
            return;
        }
        if (!active.get() && target.isEnabled()) {
            target.setSingleAttribute(DISABLED_BY_SCIM, "true");
        } else if (active.get()) {
            target.removeAttribute(DISABLED_BY_SCIM);
        }
    }

    /** A SCIM {@code DELETE} of a user: disabled and kept with their factors; Entra accepts the 204. */
    static Optional<Response> softDelete(String method, KeycloakSession session, RealmModel realm, List<String> path) {
        if (!"DELETE".equalsIgnoreCase(method) || path.size() != 6 || !"Users".equalsIgnoreCase(path.get(4))) {
            return Optional.empty();
        }
        UserModel user = session.users().getUserById(realm, path.get(5));
        if (user == null) {
            return Optional.empty();
        }
        if (user.isEnabled()) {
            user.setSingleAttribute(DISABLED_BY_SCIM, "true");
            user.setEnabled(false);
            // Keycloak's SCIM server never sees this request, so no admin event tells the realm's admin what happened.
            ScimUserEvents.softDeleted(session, realm, user);
        }
        return Optional.of(Response.noContent().build());
    }

    static boolean disabledByScim(UserModel user) {
        return "true".equals(user.getFirstAttribute(DISABLED_BY_SCIM))
                && !BruteForceProtector.DISABLED_BY_PERMANENT_LOCKOUT.equals(user.getFirstAttribute(UserModel.DISABLED_REASON));
    }

    /** The last value a write gives {@code active}: Entra sends {@code "True"}/{@code "False"} as well as booleans. */
    private static Optional<Boolean> active(List<ScimUserWrites.Write> writes) {
        Optional<Boolean> active = Optional.empty();
        for (ScimUserWrites.Write write : writes) {
            if ("active".equals(write.path())) {
                String text = ScimUserWrites.text(write.value());
                active = Optional.of(text != null && "true".equals(text.trim().toLowerCase(Locale.ROOT)));
            }
        }
        return active;
    }
}
