package org.entrasfo.broker.scim;

import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.entrasfo.factor.realm.JsonAnswer;
import org.jboss.logging.Logger;
import org.keycloak.jose.jws.JWSInput;
import org.keycloak.jose.jws.JWSInputException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.utils.KeycloakSessionUtil;
import org.keycloak.representations.AccessToken;

/**
 * Keycloak's SCIM server checks the admin role {@code manage-users}, and so does its Admin REST API, which never asks
 * for an audience: without this filter, the provisioning client's token would reset passwords, delete factors,
 * set required actions, the enrolment window or the Entra binding there, none of which SCIM can. A token issued to the
 * provisioning client is accepted only at its own realm's SCIM endpoint; anywhere else it is refused before
 * Keycloak reads it. Looking at the token unverified is safe for that refusal: a forged one can only get itself refused;
 * at the SCIM endpoint the token is verified ({@link ScimTokenCheck}) before any write rule reads the request.
 */
@Provider
public final class ScimClientConfinement implements ContainerRequestFilter {

    private static final Logger LOG = Logger.getLogger(ScimClientConfinement.class);

    @Override
    public void filter(ContainerRequestContext request) {
        List<String> authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (ambiguous(authorization)) {
            // Keycloak reads the first header, a joined reading could hide the token from this filter: refuse both.
            request.abortWith(JsonAnswer.status(Response.Status.BAD_REQUEST.getStatusCode(),
                    new OAuthError("invalid_request", "Send one Authorization header.")).build());
            return;
        }
        Optional<AccessToken> token = authorization == null ? Optional.empty() : token(authorization.get(0));
        if (token.isEmpty() || !ScimClient.CLIENT_ID.equals(token.get().getIssuedFor())) {
            return;
        }
        String issuer = token.get().getIssuer();
        String realm = issuer == null ? "" : issuer.substring(issuer.lastIndexOf('/') + 1);
        List<String> path = request.getUriInfo().getPathSegments().stream().map(PathSegment::getPath)
                .filter(segment -> !segment.isEmpty()).toList();
        if (isScimEndpoint(path, realm)) {
            KeycloakSession session = KeycloakSessionUtil.getKeycloakSession();
            RealmModel realmModel = session == null ? null : session.realms().getRealmByName(realm);
            if (realmModel == null || !ScimTokenCheck.verified(session, realmModel)) {
                return;
            }
            Optional<ScimWriteRules.Refusal> refusal = ScimWriteRules.refusal(request, realm, path);
            if (refusal.isPresent()) {
                request.abortWith(ScimErrors.of(refusal.get()));
                return;
            }
            ScimActivation.softDelete(request.getMethod(), session, realmModel, path).ifPresent(request::abortWith);
            return;
        }
        LOG.debugf("refused the SCIM provisioning client's token of realm %s outside its SCIM endpoint", realm);
        request.abortWith(JsonAnswer.status(Response.Status.FORBIDDEN.getStatusCode(),
                new OAuthError("access_denied", "This token is good for the realm's SCIM endpoint only.")).build());
    }

    /** {@code realms/{realm}/scim/v2/...} of the realm that issued the token. */
    static boolean isScimEndpoint(List<String> path, String realm) {
        return path.size() >= 4 && "realms".equals(path.get(0)) && path.get(1).equals(realm)
                && "scim".equals(path.get(2)) && "v2".equals(path.get(3));
    }

    /** Several Authorization headers, or one holding a list: Keycloak and this filter could read different tokens. */
    static boolean ambiguous(List<String> authorization) {
        return authorization != null && (authorization.size() > 1 || authorization.stream().anyMatch(value -> value.indexOf(',') >= 0));
    }

    /** The token in the header as Keycloak reads it: scheme {@code Bearer} or {@code DPoP}, in any case. */
    static Optional<AccessToken> token(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String[] parts = header.trim().split("\\s+", 2);
        if (parts.length != 2 || !("bearer".equalsIgnoreCase(parts[0]) || "dpop".equalsIgnoreCase(parts[0]))) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(new JWSInput(parts[1].trim()).readJsonContent(AccessToken.class));
        } catch (JWSInputException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public record OAuthError(String error, String error_description) {
    }
}
