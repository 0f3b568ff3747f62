package org.entrasfo.broker.selftest;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;

/**
 * What Entra checks when an admin adds the external method and at every sign-in, run from outside over HTTP the way
 * Entra does (contract section 1), plus a round trip with a hint that must be refused: the realm has to answer
 * Entra's form POST with an error posted back to Entra's redirect URI, carrying the state. Needs nothing but the JDK
 * and the providers bundle, so it also runs from the command line ({@link SelfTestCommand}).
 */
public final class EntraReadinessCheck {

    static final String WELL_KNOWN = "/.well-known/openid-configuration";

    private final HttpClient http;

    public EntraReadinessCheck(HttpClient http) {
        this.http = http;
    }

    public List<Finding> run(String discoveryUrl, String clientId, String redirectUri) {
        List<Finding> findings = new ArrayList<>();
        boolean wellFormed = discoveryUrl.startsWith("https://") && discoveryUrl.endsWith(WELL_KNOWN)
                && !discoveryUrl.contains("?") && !discoveryUrl.contains("#");
        findings.add(Finding.check(wellFormed, "discovery-url", discoveryUrl,
                "Entra accepts only an https URL ending in " + WELL_KNOWN + " with no query: set Keycloak's hostname to the public https URL."));
        Map<String, Object> metadata;
        try {
            HttpResponse<String> discovery = get(discoveryUrl);
            boolean ok = discovery.statusCode() == 200;
            findings.add(Finding.check(ok, "discovery-reachable", "HTTP " + discovery.statusCode(),
                    "Entra must be able to fetch the discovery document from the internet."));
            if (!ok) {
                return findings;
            }
            findings.add(Finding.check(discovery.headers().firstValue("Content-Length").isPresent(), "discovery-content-length",
                    discovery.headers().firstValue("Content-Length").map(l -> "Content-Length " + l).orElse("no Content-Length (chunked)"),
                    "Entra needs a Content-Length: make the reverse proxy buffer the response instead of chunking it."));
            metadata = JSONObjectUtils.parse(discovery.body());
        } catch (IOException | ParseException e) {
            findings.add(Finding.failed("discovery-reachable", e.getClass().getSimpleName() + ": " + e.getMessage(),
                    "Entra must be able to fetch the discovery document over https with a publicly trusted certificate."));
            return findings;
        }
        String issuer = String.valueOf(metadata.get("issuer"));
        String expectedIssuer = discoveryUrl.substring(0, discoveryUrl.length() - WELL_KNOWN.length());
        findings.add(Finding.check(expectedIssuer.equals(issuer), "issuer-exact", "issuer " + issuer,
                "The issuer must be the discovery URL without " + WELL_KNOWN + ", byte for byte: check hostname and proxy-headers."));
        findings.add(Finding.check(contains(metadata, "response_types_supported", "id_token")
                        && contains(metadata, "response_modes_supported", "form_post")
                        && contains(metadata, "scopes_supported", "openid")
                        && contains(metadata, "id_token_signing_alg_values_supported", "RS256")
                        && metadata.get("subject_types_supported") != null
                        && metadata.get("authorization_endpoint") != null && metadata.get("jwks_uri") != null,
                "discovery-fields", "id_token, form_post, openid, RS256, subject types, endpoints",
                "Keycloak lists these by default; a customized realm must not remove them."));
        findings.addAll(keys(String.valueOf(metadata.get("jwks_uri"))));
        if (clientId != null && redirectUri != null && metadata.get("authorization_endpoint") != null) {
            findings.add(roundTrip(String.valueOf(metadata.get("authorization_endpoint")), clientId, redirectUri));
        }
        return findings;
    }

    private List<Finding> keys(String jwksUri) {
        List<Finding> findings = new ArrayList<>();
        try {
            HttpResponse<String> response = get(jwksUri);
            JWKSet keys = JWKSet.parse(response.body());
            List<JWK> signing = keys.getKeys().stream().filter(k -> k.getKeyUse() == null || KeyUse.SIGNATURE.equals(k.getKeyUse()))
                    .filter(k -> k instanceof RSAKey).toList();
            findings.add(Finding.check(!signing.isEmpty(), "jwks-rsa-keys", signing.size() + " RSA signing key(s)",
                    "The realm needs an RS256 key (Realm settings, Keys)."));
            for (JWK key : signing) {
                List<X509Certificate> chain = key.getParsedX509CertChain();
                boolean certificateMatches = chain != null && !chain.isEmpty()
                        && chain.get(0).getPublicKey().equals(((RSAKey) key).toPublicKey());
                findings.add(Finding.check(key.getKeyID() != null && certificateMatches, "jwks-x5c",
                        "kid " + key.getKeyID() + (certificateMatches ? ": x5c holds the same key" : ": no matching x5c"),
                        "Entra wants every signing key with its certificate: use Keycloak's rsa-generated or rsa key providers."));
            }
            findings.add(signing.size() >= 2
                    ? Finding.passed("jwks-next-key", "a second key is published")
                    : Finding.warning("jwks-next-key", "only one signing key is published",
                            "Before rolling the key over, publish the next one passive for two days (docs/key-rollover.md)."));
        } catch (IOException | ParseException | com.nimbusds.jose.JOSEException e) {
            findings.add(Finding.failed("jwks-reachable", e.getClass().getSimpleName() + ": " + e.getMessage(),
                    "Entra must be able to fetch jwks_uri."));
        }
        return findings;
    }

    /** Entra's form POST with a hint nobody signed: the answer must be an error posted back to Entra with the state. */
    private Finding roundTrip(String authorizationEndpoint, String clientId, String redirectUri) {
        String state = "self-test-" + UUID.randomUUID();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("scope", "openid");
        form.put("response_type", "id_token");
        form.put("response_mode", "form_post");
        form.put("client_id", clientId);
        form.put("redirect_uri", redirectUri);
        form.put("nonce", UUID.randomUUID().toString());
        form.put("state", state);
        form.put("client-request-id", UUID.randomUUID().toString());
        form.put("id_token_hint", "eyJhbGciOiJub25lIn0.eyJzZWxmLXRlc3QiOnRydWV9.");
        form.put("claims", "{\"id_token\":{\"acr\":{\"essential\":true,\"values\":[\"possessionorinherence\"]},"
                + "\"amr\":{\"essential\":true,\"values\":[\"face\",\"fido\",\"fpt\",\"hwk\",\"iris\",\"otp\",\"pop\",\"retina\",\"sc\",\"sms\",\"swk\",\"tel\",\"vbm\"]}}}");
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        String rule = "round-trip";
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(authorizationEndpoint))
                    .timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            String page = answer.body();
            Matcher action = Pattern.compile("(?i)<form[^>]*action=\"([^\"]+)\"").matcher(page);
            boolean postedToEntra = action.find() && unescape(action.group(1)).equals(redirectUri);
            boolean carriesError = page.contains("name=\"error\"") || page.contains("NAME=\"error\"");
            boolean carriesState = page.contains(state);
            boolean noToken = !page.contains("id_token\" VALUE") && !page.contains("name=\"id_token\"");
            if (postedToEntra && carriesError && carriesState && noToken) {
                return Finding.passed(rule, "a refused hint is answered with an error posted to " + redirectUri);
            }
            return Finding.failed(rule, "HTTP " + answer.statusCode() + (postedToEntra ? ", posted to Entra" : ", not posted to Entra")
                            + (carriesError ? "" : ", no error") + (carriesState ? "" : ", state missing"),
                    "Check the client ID, that the redirect URI is registered exactly, and that the client is bound to the SFO flow.");
        } catch (IOException e) {
            return Finding.failed(rule, e.getClass().getSimpleName() + ": " + e.getMessage(), "Entra must reach the authorization endpoint.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Finding.failed(rule, "interrupted", "Run the self-test again.");
        }
    }

    private HttpResponse<String> get(String url) throws IOException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static boolean contains(Map<String, Object> metadata, String field, String value) {
        return metadata.get(field) instanceof List<?> list && list.contains(value);
    }

    private static String unescape(String html) {
        return html.replace("&amp;", "&").replace("&#x2F;", "/").replace("&#47;", "/").replace("&#x3A;", ":").replace("&#58;", ":");
    }
}
