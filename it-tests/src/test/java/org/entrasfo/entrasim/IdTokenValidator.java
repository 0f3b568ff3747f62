package org.entrasfo.entrasim;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.X509CertUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * What Entra checks when the provider answers (contract sections 1 and 4), every rule reported by name. The result
 * lists all violations at once, so a test failure says everything that is wrong.
 */
public final class IdTokenValidator {

    private static final String DISCOVERY_SUFFIX = "/.well-known/openid-configuration";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final boolean allowHttpForDemo;

    public IdTokenValidator(HttpClient http, boolean allowHttpForDemo) {
        this.http = http;
        this.allowHttpForDemo = allowHttpForDemo;
    }

    /** What the request sent and what the hint said, i.e. what the answer must match. */
    public record Expectation(String discoveryUrl, String clientId, String redirectUri, String nonce, String state,
                              List<String> acrValues, List<String> amrValues, String hintSubject) {
    }

    public record Result(Map<String, Object> claims, List<String> violations) {
        public boolean valid() {
            return violations.isEmpty();
        }
    }

    public Result validate(FormPost post, Expectation expected) {
        List<String> violations = new ArrayList<>();
        checkFormPost(post, expected, violations);
        String idToken = post.field("id_token");
        if (idToken == null) {
            violations.add("4: the answer carries an id_token");
            return new Result(Map.of(), violations);
        }
        Optional<JsonNode> discovery = discovery(expected.discoveryUrl(), violations);
        JWKSet keys = discovery.map(d -> jwks(d, violations)).orElse(new JWKSet());
        String issuer = discovery.map(d -> d.path("issuer").asText(null)).orElse(null);
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(idToken);
        } catch (ParseException e) {
            violations.add("4: id_token is a signed JWT");
            return new Result(Map.of(), violations);
        }
        checkSignature(jwt, keys, violations);
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            violations.add("4: id_token payload is JSON");
            return new Result(Map.of(), violations);
        }
        checkClaims(claims, issuer, expected, violations);
        return new Result(claims.toJSONObject(), violations);
    }

    private static void checkFormPost(FormPost post, Expectation expected, List<String> violations) {
        if (!"post".equalsIgnoreCase(post.method())) {
            violations.add("4: the answer is a POST (a GET/302 fails at Entra)");
        }
        if (!post.action().toString().equals(expected.redirectUri())) {
            violations.add("4: the answer goes to the request's redirect_uri exactly, not " + post.action());
        }
        String state = post.field("state");
        if (expected.state() == null ? state != null : !expected.state().equals(state)) {
            violations.add("4: state comes back unchanged (sent " + length(expected.state()) + " chars, got " + length(state) + ")");
        }
    }

    private Optional<JsonNode> discovery(String discoveryUrl, List<String> violations) {
        URI uri = URI.create(discoveryUrl);
        if (!"https".equals(uri.getScheme()) && !(allowHttpForDemo && "http".equals(uri.getScheme()))) {
            violations.add("1.1: the discovery URL is https");
        }
        if (!uri.getPath().endsWith(DISCOVERY_SUFFIX) || uri.getQuery() != null || uri.getFragment() != null) {
            violations.add("1.1: the discovery URL ends in " + DISCOVERY_SUFFIX + " without query or fragment");
        }
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            violations.add("1: the discovery document can be fetched: " + e.getMessage());
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            violations.add("1: the discovery document answers 200, not " + response.statusCode());
            return Optional.empty();
        }
        if (response.headers().firstValue("content-length").isEmpty()
                || response.headers().firstValue("transfer-encoding").map(v -> v.contains("chunked")).orElse(false)) {
            violations.add("1.3: the discovery response has a Content-Length and is not chunked");
        }
        JsonNode document;
        try {
            document = JSON.readTree(response.body());
        } catch (IOException e) {
            violations.add("1.3: the discovery document is JSON");
            return Optional.empty();
        }
        String expectedIssuer = discoveryUrl.substring(0, discoveryUrl.length() - DISCOVERY_SUFFIX.length());
        if (!expectedIssuer.equals(document.path("issuer").asText())) {
            violations.add("1.2: issuer equals the discovery URL minus its suffix, byte for byte (" + document.path("issuer").asText() + ")");
        }
        for (String field : List.of("authorization_endpoint", "jwks_uri", "subject_types_supported")) {
            if (document.path(field).isMissingNode()) {
                violations.add("1.3: discovery lists " + field);
            }
        }
        requireListed(document, "scopes_supported", "openid", violations);
        requireListed(document, "response_types_supported", "id_token", violations);
        requireListed(document, "id_token_signing_alg_values_supported", "RS256", violations);
        requireListed(document, "response_modes_supported", "form_post", violations);
        return Optional.of(document);
    }

    private static void requireListed(JsonNode document, String field, String value, List<String> violations) {
        boolean listed = false;
        for (JsonNode item : document.path(field)) {
            listed |= value.equals(item.asText());
        }
        if (!listed) {
            violations.add("1.3: discovery " + field + " contains " + value);
        }
    }

    private JWKSet jwks(JsonNode discovery, List<String> violations) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(discovery.path("jwks_uri").asText()))
                    .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
            JWKSet set = JWKSet.parse(response.body());
            for (JWK key : set.getKeys()) {
                boolean signing = key.getKeyUse() == null || "sig".equals(key.getKeyUse().identifier());
                if (signing) {
                    checkSigningKey(key, violations);
                }
            }
            return set;
        } catch (IOException | InterruptedException | ParseException e) {
            violations.add("1.4: the JWKS can be fetched and parsed: " + e.getMessage());
            return new JWKSet();
        }
    }

    private static void checkSigningKey(JWK key, List<String> violations) {
        if (!(key instanceof RSAKey rsa)) {
            violations.add("1.4: every signing key is RSA (" + key.getKeyID() + " is " + key.getKeyType() + ")");
            return;
        }
        if (rsa.getKeyID() == null || rsa.getModulus() == null || rsa.getPublicExponent() == null) {
            violations.add("1.4: every signing key has kid, n and e");
        }
        List<Base64> chain = rsa.getX509CertChain();
        if (chain == null || chain.isEmpty()) {
            violations.add("1.4: signing key " + rsa.getKeyID() + " has a non-empty x5c");
            return;
        }
        X509Certificate certificate = X509CertUtils.parse(chain.get(0).decode());
        if (!(certificate != null && certificate.getPublicKey() instanceof RSAPublicKey certKey
                && certKey.getModulus().equals(new BigInteger(1, rsa.getModulus().decode()))
                && certKey.getPublicExponent().equals(new BigInteger(1, rsa.getPublicExponent().decode())))) {
            violations.add("1.4: the x5c certificate of " + rsa.getKeyID() + " holds the same key as n and e");
        }
    }

    private static void checkSignature(SignedJWT jwt, JWKSet keys, List<String> violations) {
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
            violations.add("1.4: id_tokens for Entra are RS256, not " + jwt.getHeader().getAlgorithm());
        }
        String kid = jwt.getHeader().getKeyID();
        JWK key = kid == null ? null : keys.getKeyByKeyId(kid);
        if (key == null) {
            violations.add("1.4: the token's kid is spelled as in the JWKS (" + kid + ")");
            return;
        }
        try {
            if (!(key instanceof RSAKey rsa) || !jwt.verify(new RSASSAVerifier(rsa))) {
                violations.add("4: the signature verifies with the JWKS key " + kid);
            }
        } catch (JOSEException e) {
            violations.add("4: the signature verifies with the JWKS key " + kid + ": " + e.getMessage());
        }
    }

    private static void checkClaims(JWTClaimsSet claims, String issuer, Expectation expected, List<String> violations) {
        if (issuer == null || !issuer.equals(claims.getIssuer())) {
            violations.add("4: iss is the discovery issuer byte for byte (" + claims.getIssuer() + ")");
        }
        List<String> audience = claims.getAudience();
        if (audience == null || audience.size() != 1 || !expected.clientId().equals(audience.get(0))) {
            violations.add("4: aud is the request's client_id (" + audience + ")");
        }
        if (!expected.hintSubject().equals(claims.getSubject())) {
            violations.add("4: sub is the hint's sub byte for byte (" + claims.getSubject() + ")");
        }
        if (!expected.nonce().equals(claims.getClaim("nonce"))) {
            violations.add("4: nonce is the request's nonce");
        }
        Object acr = claims.getClaim("acr");
        if (!(acr instanceof String acrValue) || !expected.acrValues().contains(acrValue)) {
            violations.add("4: acr is one JSON string among the requested values (AADSTS5001258), not " + acr);
        }
        Object amr = claims.getClaim("amr");
        if (!(amr instanceof List<?> amrList)) {
            violations.add("4: amr is a JSON array (AADSTS5001256), not " + amr);
        } else if (amrList.size() != 1) {
            violations.add("4: amr has exactly one value, not " + amrList);
        } else if ("pwd".equals(amrList.get(0)) || "mfa".equals(amrList.get(0))) {
            violations.add("4: amr is never pwd or mfa");
        } else if (!expected.amrValues().contains(String.valueOf(amrList.get(0)))) {
            violations.add("4: amr is one of the requested values (AADSTS5001257), not " + amrList);
        }
        Instant now = Instant.now();
        if (claims.getIssueTime() == null || Duration.between(claims.getIssueTime().toInstant(), now).abs().toMinutes() > 5) {
            violations.add("4: iat is now");
        }
        if (claims.getExpirationTime() == null || !claims.getExpirationTime().toInstant().isAfter(now)
                || (claims.getIssueTime() != null
                && Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()).toMinutes() > 60)) {
            violations.add("4: exp is in the future and the lifetime is minutes");
        }
    }

    private static int length(String value) {
        return value == null ? -1 : value.length();
    }
}
