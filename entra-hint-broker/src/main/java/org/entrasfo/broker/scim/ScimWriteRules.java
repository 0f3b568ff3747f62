package org.entrasfo.broker.scim;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.entrasfo.broker.link.EntraUserLinker;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.utils.KeycloakSessionUtil;
import org.keycloak.validate.ValidationContext;
import org.keycloak.validate.Validator;
import org.keycloak.validate.ValidatorConfig;

/**
 * What the provisioning client may not write although Keycloak's SCIM server would let {@code manage-users} do it,
 * refused before anything changes: an attribute the mapping does not name ({@link ScimUserWrites}), an Entra object
 * ID that another user holds (the hint of one person would sign in as another), a mobile number the SMS factor would
 * not send to, any write to a user who holds roles, and any write to a group that is not Entra's
 * ({@link ScimGroupWrites}: Keycloak itself protects only admin roles).
 */
final class ScimWriteRules {

    /** Entra's user payloads are a few KB; a larger body is not Entra's. */
    static final int MAX_USER_BODY = 64 * 1024;
    /** Entra patches at most a few hundred members at a time. */
    static final int MAX_GROUP_BODY = 1024 * 1024;
    /** The SMS factor's check, found through Keycloak's validator registry. */
    static final String PHONE_VALIDATOR = "sfo-sms-phone-number";
    private static final ObjectMapper JSON = new ObjectMapper();

    record Refusal(int status, String scimType, String detail) {
    }

    private ScimWriteRules() {
    }

    /** The reason for refusing this SCIM request, or empty to let Keycloak's SCIM server handle it. */
    static Optional<Refusal> refusal(ContainerRequestContext request, String realmName, List<String> path) {
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        if ("GET".equals(method) || path.size() < 5) {
            return Optional.empty();
        }
        KeycloakSession session = KeycloakSessionUtil.getKeycloakSession();
        RealmModel realm = session == null ? null : session.realms().getRealmByName(realmName);
        if (realm == null) {
            return Optional.of(new Refusal(404, null, "No such realm."));
        }
        String resourceType = path.get(4);
        String id = path.size() >= 6 ? path.get(5) : null;
        if ("Groups".equalsIgnoreCase(resourceType)) {
            Optional<JsonNode> body = "DELETE".equals(method) ? Optional.empty() : readBody(request, MAX_GROUP_BODY);
            Optional<Refusal> refusal = ScimGroupWrites.refusal(session, realm, method, id, body);
            if (refusal.isPresent()) {
                ScimUserEvents.record(session, realm, null, refusal.get());
                return refusal;
            }
            return "PATCH".equals(method) ? rewriteMemberRemovals(request, body.get()) : Optional.empty();
        }
        if (!"Users".equalsIgnoreCase(resourceType) || ".search".equals(id)) {
            return Optional.empty();
        }
        UserModel target = id == null ? null : session.users().getUserById(realm, id);
        if (target != null && holdsRoles(realm, target)) {
            Refusal refusal = new Refusal(400, "invalidValue", "The user holds roles in this realm; an admin changes such users, not Entra.");
            ScimUserEvents.record(session, realm, id, refusal);
            return Optional.of(refusal);
        }
        if ("DELETE".equals(method)) {
            return Optional.empty();
        }
        Optional<JsonNode> body = readBody(request);
        if (body.isEmpty()) {
            return invalid("The request body is not a SCIM JSON document.");
        }
        Optional<Refusal> refusal = userRefusal(session, realm, method, target, id, body.get());
        refusal.ifPresent(r -> ScimUserEvents.record(session, realm, id, r));
        return refusal;
    }

    private static Optional<Refusal> userRefusal(KeycloakSession session, RealmModel realm, String method, UserModel target, String id,
                                                 JsonNode body) {
        try {
            List<ScimUserWrites.Write> writes = ScimUserWrites.of(method, body);
            for (ScimUserWrites.Write write : writes) {
                Optional<Refusal> refusal = checkValue(session, realm, id, write);
                if (refusal.isPresent()) {
                    return refusal;
                }
            }
            Optional<Refusal> refusal = ScimEntraBinding.refusal(method, target, writes).or(() -> ScimActivation.refusal(target, writes));
            if (refusal.isPresent()) {
                return refusal;
            }
            ScimActivation.accepted(target, writes);
            ScimWrittenEmail.remember(session, writes);
        } catch (ScimUserWrites.Refused e) {
            return invalid(e.getMessage());
        }
        return Optional.empty();
    }

    private static Optional<Refusal> checkValue(KeycloakSession session, RealmModel realm, String userId, ScimUserWrites.Write write) {
        String value = ScimUserWrites.text(write.value());
        if ("externalid".equals(write.path()) && value != null && !value.isBlank()) {
            boolean heldByAnother = session.users().searchForUserByUserAttributeStream(realm, EntraUserLinker.OID_ATTRIBUTE, value.trim())
                    .anyMatch(user -> !user.getId().equals(userId));
            if (heldByAnother) {
                return Optional.of(new Refusal(409, "uniqueness", "Another user of this realm holds this Entra object ID."));
            }
        }
        if (ScimUserWrites.MOBILE.equals(write.path()) && value != null && !value.isBlank()) {
            // The factor reads the realm's flows from the context, which Keycloak sets only after this filter.
            session.getContext().setRealm(realm);
            Validator validator = session.getProvider(Validator.class, PHONE_VALIDATOR);
            ValidationContext context = new ValidationContext(session);
            if (validator == null || !validator.validate(value, "mobile", context, ValidatorConfig.EMPTY).isValid()) {
                return invalid("The mobile number is not one the SMS factor of this realm sends to (E.164, allowed countries).");
            }
        }
        return Optional.empty();
    }

    private static Optional<Refusal> invalid(String detail) {
        return Optional.of(new Refusal(400, "invalidValue", detail));
    }

    /**
     * A help desk operator's number or account in Entra's hands would let whoever holds the provisioning secret take
     * over the operator's factor, and with it the power to issue codes for others; roles are an admin's business.
     */
    static boolean holdsRoles(RealmModel realm, UserModel user) {
        return user.getRoleMappingsStream().anyMatch(role -> !role.equals(realm.getDefaultRole()))
                || user.getGroupsStream().anyMatch(ScimWriteRules::carriesRoles);
    }

    static boolean carriesRoles(GroupModel group) {
        for (GroupModel g = group; g != null; g = g.getParent()) {
            if (g.getRoleMappingsStream().findAny().isPresent()) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Refusal> rewriteMemberRemovals(ContainerRequestContext request, JsonNode patch) {
        Optional<JsonNode> rewritten = EntraMemberRemoval.rewrite(patch);
        if (rewritten.isEmpty()) {
            return invalid("The request body is not a SCIM patch of group members.");
        }
        try {
            request.setEntityStream(new ByteArrayInputStream(JSON.writeValueAsBytes(rewritten.get())));
        } catch (IOException e) {
            return invalid("The request body is not a SCIM patch of group members.");
        }
        return Optional.empty();
    }

    private static Optional<JsonNode> readBody(ContainerRequestContext request) {
        return readBody(request, MAX_USER_BODY);
    }

    /** Reads the body and puts it back for Keycloak's SCIM server. */
    private static Optional<JsonNode> readBody(ContainerRequestContext request, int max) {
        try (InputStream in = request.getEntityStream()) {
            byte[] bytes = in.readNBytes(max + 1);
            if (bytes.length > max) {
                return Optional.empty();
            }
            request.setEntityStream(new ByteArrayInputStream(bytes));
            JsonNode node = JSON.readTree(bytes);
            return node == null || !node.isObject() ? Optional.empty() : Optional.of(node);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
