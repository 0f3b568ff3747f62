package org.entrasfo.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Another application of a tenant realm (the Account Console by default), as a browser reaches it: Keycloak's
 * authorization code flow with PKCE. What a user (or an attacker with a password) gets from the realm's own doors.
 */
public record RealmApplication(TenantRealm realm, String clientId, String redirectUri, String verifier) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static RealmApplication accountConsole(TenantRealm realm) {
        return new RealmApplication(realm, "account-console", realm.keycloak().realmUrl(realm.name()) + "/account/",
                UUID.randomUUID() + "-" + UUID.randomUUID());
    }

    /** The realm's own admin console, whose tokens a help desk operator uses for the realm's admin API. */
    public static RealmApplication adminConsole(TenantRealm realm) {
        return new RealmApplication(realm, "security-admin-console", realm.keycloak().baseUrl() + "/admin/" + realm.name() + "/console/",
                UUID.randomUUID() + "-" + UUID.randomUUID());
    }

    /**
     * A user's access token for the realm's admin API, as the admin console obtains one: the user signs in through
     * Entra with their OTP token, and the SSO session that leaves answers the console's code flow. No password grant.
     */
    public static String adminTokenOf(TenantRealm realm, EntraUser user) {
        Browser browser = EntraRoundTrip.newBrowser();
        EntraRoundTrip.signIn(browser, realm, user, realm.requestWith(realm.hintFor(user).sign()));
        RealmApplication console = adminConsole(realm);
        Browser.Page landed = console.open(browser);
        String code = console.codeOn(landed).orElseThrow(() -> new AssertionError("back at the console with a code, got "
                + landed.uri() + ":\n" + landed.text()));
        JsonNode token = console.redeem(code);
        if (!token.hasNonNull("access_token")) {
            throw new AssertionError("no token: " + token);
        }
        return token.path("access_token").asText();
    }

    /**
     * Keycloak compares authentication times in whole seconds ({@code auth_time + max_age < now}), so a sign-in in this
     * very second counts as fresh even for a maximum age of 0. A test that proves a fresh factor is asked for calls this
     * right after the last sign-in step: it returns once the machine's clock (Keycloak's too) is in the next second.
     */
    public static void letThisSecondPass() {
        long next = (System.currentTimeMillis() / 1000 + 1) * 1000;
        while (System.currentTimeMillis() < next) {
            try {
                Thread.sleep(Math.max(1, next - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The authorization request of this application, with extra parameters such as {@code kc_action} or {@code prompt}. */
    public URI authorizationUri(Map<String, String> extra) {
        StringBuilder uri = new StringBuilder(realm.keycloak().realmUrl(realm.name()) + "/protocol/openid-connect/auth"
                + "?client_id=" + enc(clientId) + "&response_type=code&response_mode=query&scope=openid"
                + "&redirect_uri=" + enc(redirectUri) + "&state=" + UUID.randomUUID()
                + "&code_challenge_method=S256&code_challenge=" + challenge());
        extra.forEach((name, value) -> uri.append('&').append(enc(name)).append('=').append(enc(value)));
        return URI.create(uri.toString());
    }

    public Browser.Page open(Browser browser, Map<String, String> extra) {
        return browser.get(authorizationUri(extra));
    }

    public Browser.Page open(Browser browser) {
        return open(browser, Map.of());
    }

    /** The authorization code, when the page is this application's redirect URI carrying one. */
    public Optional<String> codeOn(Browser.Page page) {
        if (!page.uri().toString().startsWith(redirectUri) || page.uri().getQuery() == null) {
            return Optional.empty();
        }
        return Arrays.stream(page.uri().getQuery().split("&")).filter(p -> p.startsWith("code="))
                .map(p -> java.net.URLDecoder.decode(p.substring(5), StandardCharsets.UTF_8)).findFirst();
    }

    /** The kc_action_status Keycloak reports back to the application, if any. */
    public Optional<String> actionStatusOn(Browser.Page page) {
        if (!page.uri().toString().startsWith(redirectUri) || page.uri().getQuery() == null) {
            return Optional.empty();
        }
        return Arrays.stream(page.uri().getQuery().split("&")).filter(p -> p.startsWith("kc_action_status="))
                .map(p -> p.substring("kc_action_status=".length())).findFirst();
    }

    /** Redeems a code at the token endpoint; the whole answer (an access token, or an OAuth error). */
    public JsonNode redeem(String code) {
        return tokenRequest("grant_type=authorization_code&client_id=" + enc(clientId) + "&code=" + enc(code)
                + "&redirect_uri=" + enc(redirectUri) + "&code_verifier=" + enc(verifier));
    }

    /** The resource owner password grant of any client of the realm, as an attacker holding a password tries it. */
    public static HttpResponse<String> passwordGrant(TenantRealm realm, String clientId, String username, String password) {
        return post(realm, "grant_type=password&client_id=" + enc(clientId) + "&username=" + enc(username)
                + "&password=" + enc(password) + "&scope=openid");
    }

    private JsonNode tokenRequest(String form) {
        HttpResponse<String> response = post(realm, form);
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> post(TenantRealm realm, String form) {
        HttpClient http = realm.keycloak().httpClientBuilder().build();
        try {
            return http.send(HttpRequest.newBuilder(URI.create(realm.keycloak().realmUrl(realm.name()) + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String challenge() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
