package org.entrasfo.broker.link;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import org.entrasfo.broker.hint.EntraHint;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Finds the Keycloak user an Entra hint names. Contract 3.9: by oid + tid, never by preferred_username alone (not
 * unique, changes on rename, guests carry their home identity there). preferred_username is only used, when the admin
 * allows it, to bind an existing unbound user the first time, and only through what an admin controls
 * ({@link LinkCandidates}); after that the binding is what counts. Every new binding is an admin event.
 */
public final class EntraUserLinker {

    public static final String OID_ATTRIBUTE = "entra_oid";
    public static final String TID_ATTRIBUTE = "entra_tid";

    private static final Logger LOG = Logger.getLogger(EntraUserLinker.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final UnknownUserPolicy policy;
    private final Optional<String> linkAttribute;
    private final BindingAudit audit;

    public EntraUserLinker(KeycloakSession session, RealmModel realm, UnknownUserPolicy policy, Optional<String> linkAttribute,
                           BindingAudit audit) {
        this.session = session;
        this.realm = realm;
        this.policy = policy;
        this.linkAttribute = linkAttribute;
        this.audit = audit;
    }

    public LinkedUser link(EntraHint hint) throws UserLinkException {
        UserModel bound = findBound(hint);
        if (bound != null) {
            return new LinkedUser(bound, LinkedUser.How.BOUND, null);
        }
        return switch (policy) {
            case REFUSE -> throw new UserLinkException("user_not_linked", "no user is bound to this oid and tid");
            case LINK_EXISTING -> bindExisting(hint);
            case CREATE -> new LinkedUser(create(hint), LinkedUser.How.CREATED, LinkCriterion.CREATED);
        };
    }

    private UserModel findBound(EntraHint hint) throws UserLinkException {
        // The oid match is the database's answer; the user it names is then taken through Keycloak's user cache
        // (invalidated on every change of the user, on every node), so the tid read here and every later read of
        // this sign-in (locale, required actions, credentials) need no query of their own.
        List<UserModel> matches = session.users()
                .searchForUserByUserAttributeStream(realm, OID_ATTRIBUTE, hint.objectId())
                .map(found -> session.users().getUserById(realm, found.getId()))
                .filter(Objects::nonNull)
                .filter(user -> hint.tenantId().equalsIgnoreCase(user.getFirstAttribute(TID_ATTRIBUTE)))
                .limit(2)
                .collect(Collectors.toList());
        if (matches.size() > 1) {
            throw new UserLinkException("user_link_ambiguous", "more than one user is bound to this oid and tid");
        }
        return matches.isEmpty() ? null : matches.get(0);
    }

    private LinkedUser bindExisting(EntraHint hint) throws UserLinkException {
        LinkCandidates.Match match = new LinkCandidates(session, realm, linkAttribute).find(hint.preferredUsername());
        UserModel user = match.user();
        requireUnbound(user);
        bind(user, hint);
        audit.bound(user, hint, match.criterion());
        LOG.infof("Bound user %s of realm %s to Entra object id %s by %s", user.getId(), realm.getName(), hint.objectId(),
                match.criterion().value());
        return new LinkedUser(user, LinkedUser.How.LINKED_NOW, match.criterion());
    }

    private UserModel create(EntraHint hint) throws UserLinkException {
        String username = hint.preferredUsername() == null || hint.preferredUsername().isBlank()
                ? hint.objectId() : hint.preferredUsername().toLowerCase(Locale.ROOT);
        UserModel existing = session.users().getUserByUsername(realm, username);
        if (existing != null) {
            // Someone else may own this name locally; binding them silently would hand their account over.
            throw new UserLinkException("user_username_taken", "a user with this username exists and is not bound");
        }
        UserModel user = session.users().addUser(realm, username);
        user.setEnabled(true);
        if (hint.name() != null && !hint.name().isBlank()) {
            String full = hint.name().trim();
            int space = full.lastIndexOf(' ');
            user.setFirstName(space > 0 ? full.substring(0, space) : full);
            if (space > 0) {
                user.setLastName(full.substring(space + 1));
            }
        }
        bind(user, hint);
        audit.bound(user, hint, LinkCriterion.CREATED);
        LOG.infof("Created user %s in realm %s for Entra object id %s", user.getId(), realm.getName(), hint.objectId());
        return user;
    }

    private static void requireUnbound(UserModel user) throws UserLinkException {
        String boundOid = user.getFirstAttribute(OID_ATTRIBUTE);
        if (boundOid != null && !boundOid.isBlank()) {
            throw new UserLinkException("user_bound_to_other_oid", "the matching user is bound to another Entra identity");
        }
    }

    private static void bind(UserModel user, EntraHint hint) {
        user.setSingleAttribute(OID_ATTRIBUTE, hint.objectId());
        user.setSingleAttribute(TID_ATTRIBUTE, hint.tenantId());
    }

    /** The user, how they came to be linked in this transaction and by what (event details); criterion null when bound before. */
    public record LinkedUser(UserModel user, How how, LinkCriterion criterion) {
        public enum How { BOUND, LINKED_NOW, CREATED }
    }
}
