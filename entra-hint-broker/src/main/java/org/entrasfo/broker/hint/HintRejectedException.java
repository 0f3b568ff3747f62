package org.entrasfo.broker.hint;

/** A refused hint. The message never contains the token, only which rule failed. */
public class HintRejectedException extends Exception {

    private final HintRejection rejection;

    public HintRejectedException(HintRejection rejection, String detail) {
        super(detail, null, false, false);
        this.rejection = rejection;
    }

    public HintRejection rejection() {
        return rejection;
    }
}
