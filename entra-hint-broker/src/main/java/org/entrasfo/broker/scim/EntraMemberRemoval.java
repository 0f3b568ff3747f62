package org.entrasfo.broker.scim;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Entra removes group members as {@code {"op":"Remove","path":"members","value":[{"value":"<id>"}]}}; Keycloak 26.7's
 * SCIM server reads only the filter form {@code members[value eq "<id>"]} and would leave a leaver in the group (and in
 * the policy's group rules). The one form is rewritten to the other, one operation per member, nothing else changed.
 */
final class EntraMemberRemoval {

    /** Keycloak's ids; anything else cannot name a member and must not reach a filter expression. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private EntraMemberRemoval() {
    }

    /** The patch in Keycloak's form, or empty when a member's id is not an id. */
    static Optional<JsonNode> rewrite(JsonNode patch) {
        ObjectNode copy = patch.deepCopy();
        ArrayNode operations = copy.putArray("Operations");
        for (JsonNode operation : patch.path("Operations")) {
            boolean removal = "remove".equals(operation.path("op").asText("").toLowerCase(Locale.ROOT))
                    && "members".equalsIgnoreCase(operation.path("path").asText("")) && operation.path("value").isArray();
            if (!removal) {
                operations.add(operation);
                continue;
            }
            for (JsonNode member : operation.path("value")) {
                String id = member.path("value").asText("");
                if (!ID.matcher(id).matches()) {
                    return Optional.empty();
                }
                operations.addObject().put("op", "remove").put("path", "members[value eq \"" + id + "\"]");
            }
        }
        return Optional.of(copy);
    }
}
