package org.entrasfo.broker.scim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Which groups Entra's provisioning client may change, and with whom. Groups choose factors (the policy's group rules)
 * and can open first-time enrolment (the window attribute), so they are doors: Entra changes only the groups it
 * created through SCIM, and only while no admin has given them power since (roles, an enrolment window, subgroups);
 * a group an admin made is the admin's. No write may add or remove a member who holds roles: an operator's factor is
 * an admin's business, whatever Entra's groups say.
 */
final class ScimGroupWrites {

    /** Set on a group in the transaction in which the provisioning client created it ({@link ScimProvisionedUsers}). */
    static final String CREATED_BY_SCIM = "entra_scim_group";
    /** The factors' enrolment window (their {@code EnrolmentPolicy}): on a group, it opens enrolment for its members. */
    static final String ENROLMENT_WINDOW = "sfo_enrolment_until";
    /** The one filter form of a member Keycloak's server reads, and the only one let through. */
    private static final Pattern MEMBER_FILTER = Pattern.compile("members\\[value eq \"([A-Za-z0-9-]{1,64})\"\\]");

    private ScimGroupWrites() {
    }

    /** The reason for refusing this write of a group ({@code groupId} null for a create), or empty. */
    static Optional<ScimWriteRules.Refusal> refusal(KeycloakSession session, RealmModel realm, String method, String groupId,
            Optional<JsonNode> body) {
        if (!"DELETE".equals(method) && body.isEmpty()) {
            return invalid("The request body is not a SCIM group or patch.");
        }
        GroupModel group = groupId == null ? null : session.groups().getGroupById(realm, groupId);
        if (groupId != null && group == null) {
            return Optional.empty(); // Keycloak's own 404
        }
        if (group != null) {
            Optional<String> admins = adminsReason(group);
            if (admins.isPresent()) {
                return invalid("The group " + group.getName() + " " + admins.get() + "; it is an admin's, not Entra's to change.");
            }
        }
        List<String> members = new ArrayList<>();
        if ("DELETE".equals(method)) {
            currentMembers(session, realm, group, members); // a delete takes every member out
        } else {
            Optional<String> unreadable = "PATCH".equals(method) ? patchedMembers(session, realm, group, body.get(), members)
                    : resourceMembers(body.get(), members);
            if (unreadable.isPresent()) {
                return invalid(unreadable.get());
            }
        }
        for (String id : members) {
            UserModel user = session.users().getUserById(realm, id);
            if (user != null && ScimWriteRules.holdsRoles(realm, user)) {
                return invalid("A member of this write holds roles in this realm; an admin places such users in groups, not Entra.");
            }
        }
        return Optional.empty();
    }

    /** Why the group is an admin's: not created by SCIM, or given power since. */
    static Optional<String> adminsReason(GroupModel group) {
        if (!"true".equals(group.getFirstAttribute(CREATED_BY_SCIM))) {
            return Optional.of("was not created by Entra's provisioning");
        }
        if (ScimWriteRules.carriesRoles(group)) {
            return Optional.of("carries roles");
        }
        for (GroupModel g = group; g != null; g = g.getParent()) {
            if (g.getAttributeStream(ENROLMENT_WINDOW).anyMatch(value -> !value.isBlank())) {
                return Optional.of("opens an enrolment window");
            }
        }
        if (group.getSubGroupsStream().findAny().isPresent()) {
            return Optional.of("has subgroups");
        }
        return Optional.empty();
    }

    /** A whole group (create or replace) in the shapes Entra sends; its members' ids. */
    private static Optional<String> resourceMembers(JsonNode group, List<String> members) {
        if (!group.isObject()) {
            return Optional.of("A group is a JSON object.");
        }
        for (var fields = group.fields(); fields.hasNext(); ) {
            var field = fields.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            boolean shaped = switch (name) {
                case "schemas", "id", "meta" -> ScimShapes.envelope(name, value);
                case "displayName" -> displayName(value);
                case "externalId" -> value.isTextual();
                case "members" -> ScimShapes.members(value);
                default -> false;
            };
            if (!shaped) {
                return Optional.of("The group's '" + name + "' is not in the shape Entra's provisioning sends.");
            }
        }
        group.path("members").forEach(member -> members.add(member.path("value").asText()));
        return Optional.empty();
    }

    /**
     * The ids of every member the patch adds or removes (a replacement or removal of the whole list takes the current
     * members too), or why the patch is not in a shape Entra sends: any other shape could mean something else to
     * Keycloak's server than to these rules.
     */
    private static Optional<String> patchedMembers(KeycloakSession session, RealmModel realm, GroupModel group, JsonNode patch,
            List<String> members) {
        if (!patch.path("Operations").isArray()) {
            return Optional.of("The request body is not a SCIM patch.");
        }
        for (JsonNode operation : patch.path("Operations")) {
            String op = operation.path("op").asText("").toLowerCase(Locale.ROOT);
            JsonNode path = operation.path("path");
            JsonNode value = operation.path("value");
            boolean noValue = value.isMissingNode() || value.isNull();
            if (!List.of("add", "replace", "remove").contains(op) || !(path.isMissingNode() || path.isTextual())) {
                return Optional.of("A patch operation is add, replace or remove, with a text path.");
            }
            if (path.isMissingNode()) {
                if ("remove".equals(op) || !value.isObject()) {
                    return Optional.of("A patch operation without a path adds or replaces an object.");
                }
                Optional<String> unreadable = resourceMembers(value, members);
                if (unreadable.isPresent() || value.has("schemas") || value.has("id") || value.has("meta")) {
                    return Optional.of(unreadable.orElse("A patch's value holds attributes, not an envelope."));
                }
                if ("replace".equals(op) && value.has("members")) {
                    currentMembers(session, realm, group, members);
                }
                continue;
            }
            Matcher filter = MEMBER_FILTER.matcher(path.asText());
            String name = path.asText();
            if (filter.matches() && "remove".equals(op) && noValue) {
                members.add(filter.group(1));
            } else if ("members".equals(name) && ("remove".equals(op) ? noValue || ScimShapes.members(value) : ScimShapes.members(value))) {
                value.forEach(member -> members.add(member.path("value").asText()));
                if ("replace".equals(op) || ("remove".equals(op) && noValue)) {
                    currentMembers(session, realm, group, members);
                }
            } else if (!(("displayName".equals(name) && displayName(value)) || ("externalId".equals(name) && value.isTextual()))
                    || "remove".equals(op)) {
                return Optional.of("The patch of '" + name + "' is not in the shape Entra's provisioning sends.");
            }
        }
        return Optional.empty();
    }

    /** A top-level name: a slash would make it read as another group's path in the policy's rules. */
    private static boolean displayName(JsonNode value) {
        return value.isTextual() && !value.asText().isBlank() && value.asText().indexOf('/') < 0;
    }

    private static void currentMembers(KeycloakSession session, RealmModel realm, GroupModel group, List<String> members) {
        if (group != null) {
            session.users().getGroupMembersStream(realm, group).map(UserModel::getId).forEach(members::add);
        }
    }

    private static Optional<ScimWriteRules.Refusal> invalid(String detail) {
        return Optional.of(new ScimWriteRules.Refusal(400, "invalidValue", detail));
    }
}
