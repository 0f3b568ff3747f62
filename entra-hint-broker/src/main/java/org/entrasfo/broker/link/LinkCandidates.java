package org.entrasfo.broker.link;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The existing user an Entra identity may be bound to, found by its preferred_username only through what an admin
 * controls: the username (while users cannot change it), a verified email, or an admin-only attribute the admin
 * named. An unverified email never links: any user may type the victim's address into their own profile. Several
 * users found, by one criterion or by different ones, is refused as ambiguous rather than guessed.
 */
final class LinkCandidates {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Optional<String> linkAttribute;

    LinkCandidates(KeycloakSession session, RealmModel realm, Optional<String> linkAttribute) {
        this.session = session;
        this.realm = realm;
        this.linkAttribute = linkAttribute;
    }

    /** The one user to bind, and by what. */
    record Match(UserModel user, LinkCriterion criterion) {
    }

    Match find(String preferredUsername) throws UserLinkException {
        if (preferredUsername == null || preferredUsername.isBlank()) {
            throw new UserLinkException("user_not_linked", "hint has no preferred_username to link by");
        }
        String name = preferredUsername.trim();
        if (linkAttribute.isPresent()) {
            Optional<String> refused = AdminOnlyAttribute.whyNot(session, linkAttribute.get());
            if (refused.isPresent()) {
                throw new UserLinkException("user_link_attribute_not_admin_only", refused.get());
            }
        }
        Map<String, Match> found = new LinkedHashMap<>();
        byUsername(name).ifPresent(user -> found.putIfAbsent(user.getId(), new Match(user, LinkCriterion.USERNAME)));
        for (UserModel user : byVerifiedEmail(name)) {
            found.putIfAbsent(user.getId(), new Match(user, LinkCriterion.VERIFIED_EMAIL));
        }
        for (UserModel user : byAdminAttribute(name)) {
            found.putIfAbsent(user.getId(), new Match(user, LinkCriterion.ADMIN_ATTRIBUTE));
        }
        if (found.size() > 1) {
            throw new UserLinkException("user_link_ambiguous", found.size() + " different users match preferred_username by "
                    + found.values().stream().map(m -> m.criterion().value()).distinct().toList());
        }
        if (found.isEmpty()) {
            throw new UserLinkException("user_not_linked", hasUnverifiedEmail(name)
                    ? "a user has this email but has not verified it; an unverified email never links"
                    : "no user has this username, verified email or link attribute");
        }
        return found.values().iterator().next();
    }

    /**
     * Usernames are admin-controlled only while users may not edit them; where the email is the username, the
     * email's own rule applies instead.
     */
    private Optional<UserModel> byUsername(String name) {
        if (realm.isEditUsernameAllowed() || realm.isRegistrationEmailAsUsername()) {
            return Optional.empty();
        }
        return Optional.ofNullable(session.users().getUserByUsername(realm, name.toLowerCase(Locale.ROOT)));
    }

    private List<UserModel> byVerifiedEmail(String name) {
        return usersWithEmail(name).stream().filter(UserModel::isEmailVerified).toList();
    }

    private boolean hasUnverifiedEmail(String name) {
        return usersWithEmail(name).stream().anyMatch(user -> !user.isEmailVerified());
    }

    private List<UserModel> usersWithEmail(String name) {
        if (!name.contains("@")) {
            return List.of();
        }
        return session.users().searchForUserStream(realm, Map.of(UserModel.EMAIL, name, UserModel.EXACT, Boolean.TRUE.toString()))
                .filter(user -> name.equalsIgnoreCase(user.getEmail()))
                .limit(10)
                .toList();
    }

    private List<UserModel> byAdminAttribute(String name) {
        return linkAttribute
                .map(attribute -> session.users().searchForUserByUserAttributeStream(realm, attribute, name).limit(10).toList())
                .orElse(List.of());
    }
}
