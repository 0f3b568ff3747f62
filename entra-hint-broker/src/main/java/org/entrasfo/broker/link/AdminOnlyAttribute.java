package org.entrasfo.broker.link;

import java.util.Optional;
import java.util.Set;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPAttributePermissions;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.userprofile.UserProfileConstants;
import org.keycloak.userprofile.UserProfileProvider;

/**
 * Whether the realm's user profile lets only admins set an attribute: the only kind an Entra identity may be bound by,
 * since a user who can edit it could type in someone else's name and become that person's Entra account.
 */
final class AdminOnlyAttribute {

    /** Built-in attributes are user-editable whenever their permissions are not set; username and email have their own rules. */
    private static final Set<String> BUILT_IN = Set.of(UserModel.USERNAME, UserModel.EMAIL, UserModel.FIRST_NAME, UserModel.LAST_NAME);

    private AdminOnlyAttribute() {
    }

    /** Empty when only admins can edit the attribute; otherwise why it may not link users. */
    static Optional<String> whyNot(KeycloakSession session, String name) {
        if (BUILT_IN.contains(name)) {
            return Optional.of("link attribute " + name + " is a built-in attribute, not an admin-only one");
        }
        UPConfig config = session.getProvider(UserProfileProvider.class).getConfiguration();
        UPAttribute attribute = config.getAttribute(name);
        if (attribute == null) {
            UPConfig.UnmanagedAttributePolicy unmanaged = config.getUnmanagedAttributePolicy();
            boolean adminOnly = unmanaged == UPConfig.UnmanagedAttributePolicy.ADMIN_EDIT
                    || unmanaged == UPConfig.UnmanagedAttributePolicy.ADMIN_VIEW;
            return adminOnly ? Optional.empty()
                    : Optional.of("link attribute " + name + " is not declared in the user profile as admin-only");
        }
        UPAttributePermissions permissions = attribute.getPermissions();
        if (permissions != null && permissions.getEdit() != null && permissions.getEdit().contains(UserProfileConstants.ROLE_USER)) {
            return Optional.of("link attribute " + name + " is editable by users (user profile)");
        }
        return Optional.empty();
    }
}
