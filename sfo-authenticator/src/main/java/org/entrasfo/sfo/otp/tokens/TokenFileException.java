package org.entrasfo.sfo.otp.tokens;

/**
 * A token seed file cannot be imported. Checked, so an import screen has to show the administrator why; the message
 * names the place in the file (line, column or key serial) and never contains secret material.
 */
public class TokenFileException extends Exception {

    private static final long serialVersionUID = 1L;

    public TokenFileException(String message) {
        super(message);
    }
}
