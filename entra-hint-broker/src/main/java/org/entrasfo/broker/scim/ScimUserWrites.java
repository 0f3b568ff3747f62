package org.entrasfo.broker.scim;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * The user attributes a SCIM body or patch writes, as paths of the realm's mapping ({@code name.givenName},
 * {@code emails.value}, the extension's {@code mobile}). Whatever is not in the mapping is refused, not ignored:
 * Keycloak's SCIM server would silently drop it, and Entra's admin would never learn that a mapping does nothing.
 */
final class ScimUserWrites {

    static final String CORE_PREFIX = "urn:ietf:params:scim:schemas:core:2.0:user:";
    static final String MOBILE = ScimAttributeMapping.MOBILE.toLowerCase(Locale.ROOT);
    /** Lower case; what Keycloak maps and the README tells Entra's admin to keep. */
    static final Set<String> MAPPED = Set.of("username", "active", "externalid", "emails", "emails.value", "emails.type",
            "emails.primary", "name.givenname", "name.familyname", MOBILE);
    /** Envelope, not attributes. */
    private static final Set<String> ENVELOPE = Set.of("schemas", "id", "meta");

    record Write(String path, JsonNode value) {
    }

    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private ScimUserWrites() {
    }

    static List<Write> of(String method, JsonNode body) throws Refused {
        List<Write> writes = new ArrayList<>();
        if ("PATCH".equals(method)) {
            JsonNode operations = body.path("Operations");
            if (!operations.isArray() || operations.isEmpty()) {
                throw new Refused("A PATCH needs Operations.");
            }
            for (JsonNode operation : operations) {
                String op = operation.path("op").asText("").toLowerCase(Locale.ROOT);
                if (!Set.of("add", "replace", "remove").contains(op)) {
                    throw new Refused("Unsupported operation '" + operation.path("op").asText("") + "'.");
                }
                String path = operation.path("path").asText("");
                if ("remove".equals(op)) {
                    // RFC 7644 3.5.2.2: a remove names its path; its value (plain, if any) is not what the attribute becomes.
                    JsonNode value = operation.path("value");
                    if (path.isBlank() || !(value.isMissingNode() || value.isNull() || ScimShapes.scalar(value))) {
                        throw new Refused("A remove needs a path, and no value but a plain one.");
                    }
                    writes.add(new Write(normalize(path), MissingNode.getInstance()));
                } else if (path.isBlank()) {
                    flatten("", operation.path("value"), writes, false);
                } else {
                    writes.add(new Write(normalize(path), shaped(normalize(path), operation.path("value"))));
                }
            }
        } else {
            flatten("", body, writes, true);
        }
        for (Write write : writes) {
            if (!MAPPED.contains(write.path())) {
                throw new Refused("The attribute '" + write.path() + "' is not provisioned in this realm; remove its mapping in Entra.");
            }
        }
        return writes;
    }

    /** {@code emails[type eq "work"].value} is {@code emails.value}; the core schema's prefix is dropped. */
    static String normalize(String path) {
        String lower = path.trim().toLowerCase(Locale.ROOT);
        if (lower.startsWith(CORE_PREFIX)) {
            lower = lower.substring(CORE_PREFIX.length());
        }
        int open = lower.indexOf('[');
        int close = lower.lastIndexOf(']');
        if (open >= 0) {
            lower = lower.substring(0, open) + (close > open ? lower.substring(close + 1) : "");
        }
        return lower;
    }

    /**
     * A whole resource may carry its envelope ({@code schemas}, {@code id}, {@code meta}) in the plain shapes Entra
     * sends; a patch's value may not: Keycloak's server descends into it and would apply what our rules never saw.
     */
    private static void flatten(String prefix, JsonNode node, List<Write> writes, boolean envelopeAllowed) throws Refused {
        if (!node.isObject()) {
            throw new Refused("A user is a JSON object of attributes.");
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey().toLowerCase(Locale.ROOT);
            if (ENVELOPE.contains(name)) {
                if (prefix.isEmpty() && envelopeAllowed && ScimShapes.envelope(field.getKey(), field.getValue())) {
                    continue;
                }
                throw new Refused("'" + field.getKey() + "' is not a place for attributes.");
            }
            String path = prefix + name;
            boolean schema = name.startsWith("urn:");
            if (schema || ("name".equals(name) && field.getValue().isObject())) {
                flatten(schema ? path + ":" : path + ".", field.getValue(), writes, false);
            } else {
                writes.add(new Write(normalize(path), shaped(normalize(path), field.getValue())));
            }
        }
    }

    /** The value, if it has the one shape Entra sends for this attribute: a list of addresses, else a plain value. */
    private static JsonNode shaped(String path, JsonNode value) throws Refused {
        if (!MAPPED.contains(path)) {
            return value; // refused below, for what it is
        }
        if ("emails".equals(path) ? ScimShapes.emails(value) : ScimShapes.scalar(value)) {
            return value;
        }
        throw new Refused("The value of '" + path + "' is not in the shape Entra's provisioning sends.");
    }

    /** The single text a write sets, for the checks on values. */
    static String text(JsonNode value) {
        if (value.isArray() && value.size() == 1) {
            return text(value.get(0));
        }
        if (value.isObject() && value.has("value")) {
            return text(value.get("value"));
        }
        return value.isValueNode() ? value.asText() : null;
    }
}
