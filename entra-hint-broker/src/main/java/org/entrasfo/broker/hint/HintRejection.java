package org.entrasfo.broker.hint;

/**
 * Why a hint was refused. The reason code goes into the Keycloak event; the OIDC error is what Entra receives.
 */
public enum HintRejection {

    MISSING("hint_missing", "invalid_request"),
    MALFORMED("hint_malformed", "invalid_request"),
    /** Not the one spelling Entra writes: re-encoded, padded or with stray characters, so never Entra's own. */
    NON_CANONICAL("hint_non_canonical_encoding", "invalid_request"),
    UNSUPPORTED_ALGORITHM("hint_unsupported_algorithm", "invalid_request"),
    MISSING_KEY_ID("hint_missing_kid", "invalid_request"),
    UNKNOWN_KEY("hint_unknown_key", "invalid_request"),
    BAD_SIGNATURE("hint_bad_signature", "invalid_request"),
    UNTRUSTED_ISSUER("hint_untrusted_issuer", "invalid_request"),
    ISSUER_TENANT_MISMATCH("hint_issuer_tenant_mismatch", "invalid_request"),
    WRONG_TENANT("hint_wrong_tenant", "invalid_request"),
    WRONG_AUDIENCE("hint_wrong_audience", "invalid_request"),
    MISSING_CLAIM("hint_missing_claim", "invalid_request"),
    NOT_YET_VALID("hint_not_yet_valid", "invalid_request"),
    TOO_OLD("hint_too_old", "invalid_request"),
    REPLAYED("hint_replayed", "invalid_request"),
    KEYS_UNAVAILABLE("hint_keys_unavailable", "temporarily_unavailable");

    private final String reason;
    private final String oidcError;

    HintRejection(String reason, String oidcError) {
        this.reason = reason;
        this.oidcError = oidcError;
    }

    public String reason() {
        return reason;
    }

    public String oidcError() {
        return oidcError;
    }
}
