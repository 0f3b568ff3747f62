package org.entrasfo.broker.scim;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The shapes of SCIM values our rules can read, and nothing else. Keycloak's SCIM server reads far more shapes than
 * Entra sends (it descends into {@code meta}, restarts at a schema's name anywhere, unwraps a value held in an object
 * named after its attribute): a shape our rules would read differently from Keycloak is a write past them, so every
 * other shape is refused before Keycloak sees it.
 */
final class ScimShapes {

    /** Keycloak's ids, the only thing a member's value may be. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final Set<String> META = Set.of("resourceType", "created", "lastModified", "location", "version");
    private static final Set<String> MEMBER = Set.of("value", "display", "$ref", "type");
    private static final Set<String> EMAIL = Set.of("value", "type", "primary", "display");

    private ScimShapes() {
    }

    /** A plain value: text, a number or a boolean (Entra's string booleans included); never null, an object or a list. */
    static boolean scalar(JsonNode value) {
        return value != null && value.isValueNode() && !value.isNull();
    }

    /** {@code schemas}, {@code id} and {@code meta} of a whole resource, holding nothing a parser could descend into. */
    static boolean envelope(String name, JsonNode value) {
        return switch (name) {
            case "schemas" -> value.isArray() && allMatch(value, ScimShapes::scalar);
            case "id" -> value.isTextual();
            case "meta" -> value.isObject() && fieldsMatch(value, META, ScimShapes::scalar);
            default -> false;
        };
    }

    /** Entra's member list: objects whose {@code value} is a Keycloak id. */
    static boolean members(JsonNode value) {
        return value.isArray() && allMatch(value, member -> member.isObject() && fieldsMatch(member, MEMBER, ScimShapes::scalar)
                && member.path("value").isTextual() && ID.matcher(member.path("value").asText()).matches());
    }

    /** Entra's email list: objects of value, type, primary. */
    static boolean emails(JsonNode value) {
        return value.isArray() && allMatch(value, email -> email.isObject() && fieldsMatch(email, EMAIL, ScimShapes::scalar));
    }

    private static boolean allMatch(JsonNode array, java.util.function.Predicate<JsonNode> test) {
        for (JsonNode element : array) {
            if (!test.test(element)) {
                return false;
            }
        }
        return true;
    }

    /** Every field named exactly as allowed (case included: a near spelling is another key to some parser) and valid. */
    private static boolean fieldsMatch(JsonNode object, Set<String> allowed, java.util.function.Predicate<JsonNode> test) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!allowed.contains(field.getKey()) || !test.test(field.getValue())) {
                return false;
            }
        }
        return true;
    }
}
