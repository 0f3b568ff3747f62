package org.entrasfo.sfo.helpdesk;

import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Who may issue a help desk code to whom. A code is a second factor handed over by voice, so whoever issues one can
 * sign in as its holder with the holder's password: nobody issues to themselves, and an operator who acts only
 * through the help desk role helps ordinary users, never another operator or an admin of the realm (that would let
 * two operators, or an operator and a stolen password, stand in for each other's second factor).
 */
final class HelpdeskIssuers {

    static final String ROLE = HelpdeskCodeAuthenticatorFactory.OPERATOR_ROLE;

    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;

    HelpdeskIssuers(RealmModel realm, AdminPermissionEvaluator auth) {
        this.realm = realm;
        this.auth = auth;
    }

    /** Checked before the target is looked at, so a stranger learns nothing about which users exist. */
    void requireIssuer(UserModel target) throws HelpdeskCodeRefusal {
        if (isServiceAccount()) {
            // A code is handed over by a person who heard the holder; a machine with manage-users (SCIM provisioning,
            // an integration) would mint second factors for every user it manages.
            throw HelpdeskCodeRefusal.forbidden(null, "Service accounts do not issue help desk codes; a person does.");
        }
        boolean admin = target == null ? auth.users().canManage() : auth.users().canManage(target);
        if (!admin && !isOperator()) {
            throw HelpdeskCodeRefusal.forbidden(null,
                    "Only help desk operators (realm role " + ROLE + ") and admins who may manage the user issue codes.");
        }
    }

    void requireMayIssueTo(UserModel target) throws HelpdeskCodeRefusal {
        AdminAuth caller = auth.adminAuth();
        if (caller.getRealm().getId().equals(realm.getId()) && caller.getUser().getId().equals(target.getId())) {
            throw HelpdeskCodeRefusal.forbidden("username", "Nobody may issue a help desk code to themselves.");
        }
        if (!auth.users().canManage(target) && isStaff(target)) {
            throw HelpdeskCodeRefusal.forbidden("username",
                    "Help desk operators may not issue codes to other operators or to admins of the realm; an admin who may manage the user can.");
        }
    }

    private boolean isServiceAccount() {
        UserModel caller = auth.adminAuth().getUser();
        return caller == null || caller.getServiceAccountClientLink() != null;
    }

    private boolean isOperator() {
        AdminAuth caller = auth.adminAuth();
        return caller.getRealm().getId().equals(realm.getId()) && caller.hasRealmRole(ROLE);
    }

    /** Holds the operator role, or any role of the realm's admin API (directly, by a group or a composite). */
    private boolean isStaff(UserModel user) {
        RoleModel operator = realm.getRole(ROLE);
        if (operator != null && user.hasRole(operator)) {
            return true;
        }
        ClientModel realmManagement = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        return realmManagement != null && realmManagement.getRolesStream().anyMatch(user::hasRole);
    }
}
