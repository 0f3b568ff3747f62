package org.entrasfo.broker.link;

/** A hint that names nobody this realm may sign in; the reason goes into the event. */
public class UserLinkException extends Exception {

    private final String reason;

    public UserLinkException(String reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
