package org.entrasfo.broker.link;

/**
 * How an unbound user was found for an Entra identity: only by something the user cannot change themselves, so no
 * local user can make themselves look like someone else's Entra account.
 */
public enum LinkCriterion {
    /** The username, while the realm lets nobody but admins change usernames. */
    USERNAME("username"),
    /** An email address the user has verified. */
    VERIFIED_EMAIL("verified-email"),
    /** The attribute the admin named, which the realm's user profile lets only admins edit. */
    ADMIN_ATTRIBUTE("admin-attribute"),
    /** No user was found: the realm creates one. */
    CREATED("created");

    private final String value;

    LinkCriterion(String value) {
        this.value = value;
    }

    /** As the admin event and the login event name it. */
    public String value() {
        return value;
    }
}
