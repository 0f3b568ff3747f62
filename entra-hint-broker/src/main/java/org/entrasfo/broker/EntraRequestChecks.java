package org.entrasfo.broker;

import java.util.Optional;
import java.util.Set;

import org.entrasfo.broker.hint.EntraAuthority;
import org.entrasfo.broker.hint.EntraHint;
import org.entrasfo.broker.hint.HintRejectedException;
import org.entrasfo.broker.hint.HintRejection;
import org.entrasfo.factor.transaction.AuthenticationMethod;
import org.entrasfo.factor.transaction.EntraErrorResponse;
import org.entrasfo.factor.transaction.RequestedAuthentication;

/**
 * The hint step's checks of one request from Entra, in the contract's order, each ending in a verdict that names the
 * rule the request broke. No claim is believed before the signature (the validator's own order), no replay mark is
 * read before the hint proved who asks, and nothing is looked up about a user until every check passed. Nothing here
 * reads Keycloak's session, so the order is specified by unit tests.
 */
public final class EntraRequestChecks {

    /** What the request says, as Keycloak's auth session holds it. */
    public record Request(String redirectUri, String responseType, String responseMode, String claims, String hint,
                          String nonce, String clientRequestId) {
    }

    public sealed interface Verdict permits AnsweredLocally, Refused, Admitted {
    }

    /** The step is not set up, or Entra's redirect URI cannot be trusted: a local page, nothing posted anywhere. */
    public record AnsweredLocally(String error, String detail) implements Verdict {
    }

    /** An OIDC error posted to Entra's redirect URI. */
    public record Refused(String oidcError, String error, String description, String detail) implements Verdict {
    }

    /** Every check passed: who Entra says it is, and what it asked for. */
    public record Admitted(EntraHint hint, RequestedAuthentication requested) implements Verdict {
    }

    /** Validates the hint against the tenant and the authority (the pinned keys of its cloud). */
    public interface HintCheck {
        EntraHint validate(String hint, String tenantId, EntraAuthority authority) throws HintRejectedException;
    }

    /** Whether the hint's signature or uti, the nonce or the client-request-id already completed a transaction. */
    public interface SpentMarks {
        boolean spent(EntraHint hint, String nonce, String clientRequestId);
    }

    private final EntraHintBrokerConfig config;
    private final HintCheck hints;
    private final SpentMarks marks;
    private final Set<AuthenticationMethod> reportable;

    public EntraRequestChecks(EntraHintBrokerConfig config, HintCheck hints, SpentMarks marks, Set<AuthenticationMethod> reportable) {
        this.config = config;
        this.hints = hints;
        this.marks = marks;
        this.reportable = reportable;
    }

    public Verdict check(Request request) {
        EntraAuthority authority;
        try {
            authority = config.authority();
        } catch (IllegalArgumentException e) {
            return new AnsweredLocally("entra_not_configured", "the trusted authority override is not a valid URL");
        }
        Optional<String> tenantId = config.tenantId();
        if (tenantId.isEmpty()) {
            return new AnsweredLocally("entra_not_configured", "no Entra tenant ID configured for the hint broker");
        }
        // Contract 4: an answer goes only to Entra's own redirect URI, compared exactly; anything else stays here.
        if (!authority.redirectUri().equals(request.redirectUri())) {
            return new AnsweredLocally("entra_redirect_uri_mismatch", "redirect_uri is not " + authority.redirectUri());
        }
        if (!"id_token".equals(request.responseType()) || !"form_post".equals(request.responseMode())) {
            return new Refused(EntraErrorResponse.INVALID_REQUEST, "entra_unsupported_response",
                    "Only response_type=id_token with response_mode=form_post is supported.",
                    "response_type " + request.responseType() + ", response_mode " + request.responseMode());
        }
        RequestedAuthentication requested;
        try {
            requested = RequestedAuthentication.fromClaimsParameter(request.claims());
        } catch (IllegalArgumentException e) {
            return new Refused(EntraErrorResponse.INVALID_REQUEST, "entra_invalid_claims", "The claims parameter is not valid JSON.", e.getMessage());
        }
        EntraHint hint;
        try {
            hint = hints.validate(request.hint(), tenantId.get(), authority);
        } catch (HintRejectedException e) {
            return new Refused(e.rejection().oidcError(), e.rejection().reason(), describe(e.rejection()), e.getMessage());
        }
        if (marks.spent(hint, request.nonce(), request.clientRequestId())) {
            return new Refused(EntraErrorResponse.INVALID_REQUEST, HintRejection.REPLAYED.reason(),
                    "This sign-in request was already completed.",
                    "hint signature, hint uti, nonce or client-request-id already completed a transaction");
        }
        if (!requested.admitsAny(reportable)) {
            return new Refused(EntraErrorResponse.ACCESS_DENIED, "entra_acr_not_satisfiable",
                    "None of the available second factors can satisfy the requested acr and amr values.",
                    "requested acr " + requested.acrValues() + ", amr " + requested.amrValues());
        }
        return new Admitted(hint, requested);
    }

    private static String describe(HintRejection rejection) {
        return switch (rejection) {
            case KEYS_UNAVAILABLE -> "The identity provider's signing keys are unavailable; try again later.";
            case REPLAYED -> "This sign-in request was already completed.";
            default -> "The id_token_hint is not valid (" + rejection.reason() + ").";
        };
    }
}
