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
    /** What Entra writes on a group; anything else is not Entra's. */
    private static final List<String> PATCHABLE = List.of("displayname", "externalid", "members");
    /** The one filter form of a member Keycloak's server reads, and the only one let through. */
    private static final Pattern MEMBER_FILTER = Pattern.compile("members\\[value eq \"([A-Za-z0-9-]{1,64})\"\\]");

    private ScimGroupWrites() {
    }

    /** The reason for refusing this write of a group ({@code groupId} null for a create), or empty. */
    static Optional<ScimWriteRules.Refusal> refusal(KeycloakSession session, RealmModel realm, String method, String groupId,
            Optional<JsonNode> body) {
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
        if ("DELETE".equals(method)) {
            return Optional.empty();
        }
        if (body.isEmpty()) {
            return invalid("The request body is not a SCIM group or patch.");
        }
        List<String> members = new ArrayList<>();
        if ("PATCH".equals(method)) {
            Optional<String> unreadable = patchedMembers(session, realm, group, body.get(), members);
            if (unreadable.isPresent()) {
                return invalid(unreadable.get());
            }
        } else {
            body.get().path("members").forEach(member -> members.add(member.path("value").asText("")));
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

    /**
     * The ids of every member the patch adds or removes (a replacement of the list removes the current members too), or
     * why the patch is not one Entra sends.
     */
    private static Optional<String> patchedMembers(KeycloakSession session, RealmModel realm, GroupModel group, JsonNode patch,
            List<String> members) {
        if (!patch.path("Operations").isArray()) {
            return Optional.of("The request body is not a SCIM patch.");
        }
        for (JsonNode operation : patch.path("Operations")) {
            String op = operation.path("op").asText("").toLowerCase(Locale.ROOT);
            String path = operation.path("path").asText("");
            JsonNode value = operation.path("value");
            if (path.isEmpty()) {
                if (!value.isObject()) {
                    return Optional.of("A patch operation without a path needs an object value.");
                }
                for (var names = value.fieldNames(); names.hasNext(); ) {
                    String name = names.next().toLowerCase(Locale.ROOT);
                    if (!PATCHABLE.contains(name) && !"id".equals(name)) {
                        return Optional.of("The group attribute " + name + " is not Entra's to write.");
                    }
                }
                value.path("members").forEach(member -> members.add(member.path("value").asText("")));
                if ("replace".equals(op) && value.has("members")) {
                    currentMembers(session, realm, group, members);
                }
                continue;
            }
            Matcher filter = MEMBER_FILTER.matcher(path);
            if (filter.matches()) {
                members.add(filter.group(1));
            } else if ("members".equalsIgnoreCase(path)) {
                value.forEach(member -> members.add(member.path("value").asText("")));
                if ("replace".equals(op) || ("remove".equals(op) && !value.isArray())) {
                    currentMembers(session, realm, group, members);
                }
            } else if (!PATCHABLE.contains(path.toLowerCase(Locale.ROOT))) {
                return Optional.of("The group attribute " + path + " is not one Entra's provisioning writes.");
            }
        }
        return Optional.empty();
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
