package org.entrasfo.broker.scim;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;

/**
 * The addresses a SCIM write itself sets, kept for the request so that only they count as verified (Entra verified
 * them): an address an admin or the user set stays unverified whatever else Entra writes, since a verified address
 * feeds the {@code link-existing} matching and the email factor.
 */
final class ScimWrittenEmail {

    static final String ATTRIBUTE = "entra-sfo.scim.written-emails";

    private ScimWrittenEmail() {
    }

    static void remember(KeycloakSession session, List<ScimUserWrites.Write> writes) {
        Set<String> addresses = new HashSet<>();
        for (ScimUserWrites.Write write : writes) {
            if (write.path().equals("emails") || write.path().equals("emails.value")) {
                collect(write.value(), addresses);
            }
        }
        session.setAttribute(ATTRIBUTE, Set.copyOf(addresses));
    }

    /** True when this request's SCIM write set the user's current address. */
    static boolean wroteAddressOf(KeycloakSession session, UserModel user) {
        Object written = session.getAttribute(ATTRIBUTE);
        return user.getEmail() != null && written instanceof Set<?> addresses
                && addresses.contains(user.getEmail().trim().toLowerCase(Locale.ROOT));
    }

    private static void collect(JsonNode value, Set<String> addresses) {
        if (value.isArray()) {
            value.forEach(element -> collect(element, addresses));
        } else if (value.isObject()) {
            collect(value.path("value"), addresses);
        } else if (value.isTextual() && !value.asText().isBlank()) {
            addresses.add(value.asText().trim().toLowerCase(Locale.ROOT));
        }
    }
}
