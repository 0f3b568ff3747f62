package org.entrasfo.sfo.policy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.RoleUtils;

/**
 * One line of the SFO policy: who it is for (members of a group, subgroups included, or holders of a role) and the
 * factors they may use. Written {@code /Clinical/Nurses = sfo-sms-code, sfo-otp} or {@code role:physician = sfo-otp}
 * (a client role: {@code role:client-id/role}).
 */
public record PolicyRule(Kind kind, String subject, List<String> factors) {

    public enum Kind { GROUP, ROLE }

    /** Empty for a line that is not a rule; the admin console shows such a line unchanged, so it is ignored. */
    public static Optional<PolicyRule> parse(String line) {
        if (line == null) {
            return Optional.empty();
        }
        int equals = line.indexOf('=');
        if (equals <= 0) {
            return Optional.empty();
        }
        String who = line.substring(0, equals).trim();
        List<String> factors = Arrays.stream(line.substring(equals + 1).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (who.isEmpty() || factors.isEmpty()) {
            return Optional.empty();
        }
        if (who.startsWith("role:")) {
            return Optional.of(new PolicyRule(Kind.ROLE, who.substring("role:".length()).trim(), factors));
        }
        return Optional.of(new PolicyRule(Kind.GROUP, who.startsWith("/") ? who : "/" + who, factors));
    }

    public boolean appliesTo(KeycloakSession session, RealmModel realm, UserModel user) {
        if (kind == Kind.GROUP) {
            GroupModel group = KeycloakModelUtils.findGroupByPath(session, realm, subject);
            return group != null && RoleUtils.isMember(user.getGroupsStream(), group);
        }
        RoleModel role = roleOf(realm);
        return role != null && user.hasRole(role);
    }

    private RoleModel roleOf(RealmModel realm) {
        int slash = subject.indexOf('/');
        if (slash > 0) {
            var client = realm.getClientByClientId(subject.substring(0, slash));
            return client == null ? null : client.getRole(subject.substring(slash + 1));
        }
        return realm.getRole(subject);
    }
}
