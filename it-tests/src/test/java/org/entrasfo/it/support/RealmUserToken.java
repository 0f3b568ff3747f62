package org.entrasfo.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A tenant realm user's access token for the realm's admin API, obtained the way the realm's admin console obtains
 * one: authorization code with PKCE for the public client {@code security-admin-console}, answered from the SSO
 * session an Entra transaction left in the same browser. No password grant: tenant realms need not offer one.
 */
public final class RealmUserToken {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENT_ID = "security-admin-console";

    private RealmUserToken() {
    }

    /** Signs the user in through Entra with their OTP token, then takes the token from the SSO session. */
    public static String signIn(TenantRealm realm, EntraUser user) {
        Browser browser = EntraRoundTrip.newBrowser();
        EntraRoundTrip.signIn(browser, realm, user, realm.requestWith(realm.hintFor(user).sign()));
        return fromSsoSession(browser, realm);
    }

    /** The browser must hold the user's SSO session in the realm. */
    public static String fromSsoSession(Browser browser, TenantRealm realm) {
        String verifier = randomUrlSafe(48);
        String redirectUri = realm.keycloak().baseUrl() + "/admin/" + realm.name() + "/console/";
        String state = UUID.randomUUID().toString();
        URI authorize = URI.create(realm.keycloak().realmUrl(realm.name()) + "/protocol/openid-connect/auth?client_id=" + CLIENT_ID
                + "&response_type=code&response_mode=query&scope=openid&state=" + state + "&redirect_uri=" + enc(redirectUri)
                + "&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256");

        Browser.Page landed = browser.get(authorize);
        String query = landed.uri().getRawQuery();
        assertThat(query).as("back at the console with a code, got %s:\n%s", landed.uri(), landed.text()).contains("code=");
        String code = parameter(query, "code");

        Browser.Page token = browser.post(URI.create(realm.keycloak().realmUrl(realm.name()) + "/protocol/openid-connect/token"),
                Map.of("grant_type", "authorization_code", "client_id", CLIENT_ID, "code", code,
                        "redirect_uri", redirectUri, "code_verifier", verifier));
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        try {
            return JSON.readTree(token.body()).path("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String parameter(String query, String name) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + name + " in " + query);
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomUrlSafe(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
