package org.entrasfo.broker.scim;

import java.util.List;
import java.util.Optional;

import org.entrasfo.broker.link.EntraUserLinker;
import org.keycloak.models.UserModel;

/**
 * A user's Entra object ID is written once by SCIM: set on a user who has none (uniqueness is checked in
 * {@link ScimWriteRules}), never changed nor cleared afterwards. Otherwise the binding moves in two steps (clear it on
 * the victim, set it on another user) and the victim's hint signs in as someone else. An admin rebinds, not Entra.
 */
final class ScimEntraBinding {

    private ScimEntraBinding() {
    }

    static Optional<ScimWriteRules.Refusal> refusal(String method, UserModel target, List<ScimUserWrites.Write> writes) {
        String bound = target == null ? null : target.getFirstAttribute(EntraUserLinker.OID_ATTRIBUTE);
        if (bound == null || bound.isBlank()) {
            return Optional.empty();
        }
        List<ScimUserWrites.Write> oidWrites = writes.stream().filter(write -> "externalid".equals(write.path())).toList();
        // A PUT replaces the whole user: one without externalId would clear the binding.
        boolean cleared = "PUT".equals(method) && oidWrites.isEmpty();
        for (ScimUserWrites.Write write : oidWrites) {
            String value = ScimUserWrites.text(write.value());
            cleared |= value == null || !bound.equals(value.trim());
        }
        if (cleared) {
            return Optional.of(new ScimWriteRules.Refusal(409, "mutability",
                    "The user's Entra object ID is set; it is never changed or cleared by provisioning. An admin rebinds the user."));
        }
        return Optional.empty();
    }
}
