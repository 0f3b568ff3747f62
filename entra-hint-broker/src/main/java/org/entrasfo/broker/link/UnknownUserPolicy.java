package org.entrasfo.broker.link;

import java.util.Locale;

/** What to do with a hint whose oid+tid no user of the realm carries yet. */
public enum UnknownUserPolicy {
    /** The safe default: only users an admin (or directory sync) bound beforehand can sign in. */
    REFUSE,
    /** Bind, once and for good, the existing user whose username or email equals the hint's preferred_username. */
    LINK_EXISTING,
    /** Create a user from the hint's oid, tid, preferred_username and name. */
    CREATE;

    public static UnknownUserPolicy parse(String value) {
        if (value == null || value.isBlank()) {
            return REFUSE;
        }
        return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    public String configValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
