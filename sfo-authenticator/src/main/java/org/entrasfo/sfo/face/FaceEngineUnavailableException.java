package org.entrasfo.sfo.face;

/**
 * The engine could not answer. Never a refusal of the user's face: the factor says so plainly and offers another
 * allowed factor, and the attempt does not count toward brute-force lockout.
 */
public class FaceEngineUnavailableException extends RuntimeException {

    public FaceEngineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public FaceEngineUnavailableException(String message) {
        super(message);
    }
}
