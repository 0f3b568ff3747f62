package org.entrasfo.bench;

/**
 * One kind of operation the benchmark measures; each ends in a signed token. A scenario gives every load worker its
 * own {@link Operation} (its own user and connection), so workers never share a user's one-time-code counter.
 */
public interface Scenario {

    String name();

    Operation worker(int index);

    /** One operation of one worker, repeated back to back. */
    interface Operation {

        /** Performs the operation once; throws (or answers an invalid sample) when it did not end in a token. */
        Sample run() throws Exception;
    }

    /**
     * What an operation left to check after the measured window: Entra's checks of the id_token cost the server its
     * discovery and JWKS requests, so they must not be counted against the operation.
     */
    interface Sample {

        Sample NONE = () -> true;

        boolean valid();
    }
}
