package org.entrasfo.it.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.security.BadInputIT.HUGE;
import static org.entrasfo.it.security.BadInputIT.LONG;
import static org.entrasfo.it.security.BadInputIT.NASTY;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.entrasfo.entrasim.MicrosoftCloud;
import org.entrasfo.it.keycloak.KeycloakAdmin;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.RawHttp;
import org.entrasfo.it.support.ServerLog;
import org.entrasfo.it.support.TenantRealm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Oversized and malformed input on every admin endpoint of ours (tenant realms, help desk codes, hardware token
 * import, the report's and self-test's query parameters): a 4xx with a JSON error, never a server error or a stack
 * trace, and nothing created or changed.
 */
// Runs alone: it reads the server log of its own requests, which no other class may write to meanwhile.
@Isolated
class BadAdminInputIT {

    /** Non-ASCII written as JSON escapes, so a lone surrogate reaches the server as one (UTF-8 cannot carry it). */
    private static final ObjectMapper JSON = new ObjectMapper().configure(JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature(), true);
    private static final KeycloakAdmin ADMIN = KeycloakUnderTest.keycloak().admin();

    private static TenantRealm realm;
    private static String token;
    private static String admin;

    @BeforeAll
    static void realmAndAdmin() {
        realm = TenantRealm.create("bad-admin-" + UUID.randomUUID().toString().substring(0, 6), MicrosoftCloud.GLOBAL,
                Map.of("factors", List.of("sfo-otp", "sfo-helpdesk-code")));
        token = RawHttp.adminToken();
        admin = KeycloakUnderTest.keycloak().baseUrl() + "/admin/realms/";
    }

    /** Bodies no JSON endpoint should choke on: broken, wrong shapes, deep, huge. */
    private static List<String> malformedJson() {
        List<String> bodies = new ArrayList<>(List.of("", "{", "[]", "null", "42", "\"text\"", "{\"a\":}", "\u0000",
                "[".repeat(10_000), "{\"x\":\"" + HUGE + "\"}", "<xml/>"));
        bodies.add("{" + "\"k\":{".repeat(2_000) + "}".repeat(2_001));
        return bodies;
    }

    @Test
    void theTenantRealmCallRefusesMalformedProfilesAndCreatesNoRealm() {
        int realmsBefore = ADMIN.get("").size();
        List<String> bodies = malformedJson();
        List<Object> badText = new ArrayList<>(List.of(LONG, List.of("a"), Map.of("a", "b")));
        badText.addAll(NASTY);
        Map<String, List<Object>> badValues = new java.util.LinkedHashMap<>();
        badValues.put("realm", badText);
        badValues.put("tenantId", badText);
        badValues.put("appId", badText);
        badValues.put("cloud", badText);
        badValues.put("unknownUser", badText);
        badValues.put("clientId", badText);
        badValues.put("redirectUri", badText);
        badValues.put("authorityJwksUrl", List.of(LONG, "file:///etc/passwd", "javascript:alert(1)", "\u0000", List.of("a")));
        badValues.put("workflow", List.of(LONG, "no-such-flow", "\u0000", "\ud800"));
        badValues.put("name", List.of(LONG, "\u0000", "\ud800", List.of("a")));
        badValues.put("displayName", List.of(LONG, "\u0000", "\ud800", Map.of("a", "b")));
        badValues.put("factors", List.of(List.of(), List.of(LONG), List.of("sfo-otp", "sfo-none"), Map.of("a", "b"), List.of(List.of("sfo-otp"))));
        badValues.put("clockSkewSeconds", List.of(-1, 100_000, Long.MAX_VALUE, 1e308, "abc", List.of(1)));
        badValues.put("maxHintAgeSeconds", List.of(0, -1, Integer.MAX_VALUE, Long.MAX_VALUE, "abc"));
        badValues.put("levelOfAuthentication", List.of(0, -1, 1_000_000, "abc"));
        String name = "bad-" + UUID.randomUUID().toString().substring(0, 8);
        badValues.forEach((field, values) -> {
            for (Object value : values) {
                Map<String, Object> profile = new java.util.HashMap<>(Map.of("realm", name, "tenantId", UUID.randomUUID().toString(),
                        "appId", UUID.randomUUID().toString(), "cloud", "GLOBAL"));
                profile.put(field, value);
                bodies.add(json(profile));
            }
        });
        long mark = ServerLog.mark();

        for (String body : bodies) {
            assertRefused("tenant realm " + abbreviated(body), RawHttp.post(URI.create(admin + "master/entra-sfo/tenant-realms"), token,
                    "application/json", body));
        }

        assertThat(ServerLog.ourStackTracesSince(mark)).as("stack traces in the server log").isEmpty();
        assertThat(ADMIN.get("").size()).as("no realm created").isEqualTo(realmsBefore);
        assertThat(ADMIN.get("/master/clients?clientId=" + name + "-realm")).as("nor the master realm's client for it").isEmpty();
    }

    @Test
    void helpDeskCodesAreNotIssuedForMalformedRequests() {
        EntraUser user = realm.newUserWithout2ndFactor(Map.of());
        List<String> bodies = malformedJson();
        for (Object value : valuesToTry()) {
            for (String field : List.of("username", "validMinutes", "singleUse", "amr")) {
                Map<String, Object> request = new java.util.HashMap<>(Map.of("username", user.username()));
                request.put(field, value);
                bodies.add(json(request));
            }
        }
        bodies.removeIf(body -> body.equals(json(Map.of("username", user.username()))));
        long mark = ServerLog.mark();

        for (String body : bodies) {
            RawHttp.Answer answer = RawHttp.post(URI.create(admin + realm.name() + "/entra-sfo-helpdesk/codes"), token, "application/json", body);
            if (answer.status() == 201) {
                // A value that is harmless and valid after all (e.g. singleUse false): the call did its job.
                continue;
            }
            assertRefused("help desk code " + abbreviated(body), answer);
        }

        assertThat(ServerLog.ourStackTracesSince(mark)).as("stack traces in the server log").isEmpty();
    }

    @Test
    void theHardwareTokenImportRefusesMalformedFilesAndStoresNoToken() {
        EntraUser user = realm.newUserWithout2ndFactor(Map.of());
        List<String[]> files = new ArrayList<>();
        for (String body : List.of("", "<KeyContainer", "<?xml version=\"1.0\"?><x/>", LONG, HUGE,
                "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><KeyContainer>&e;</KeyContainer>",
                "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><x>&b;</x>")) {
            files.add(new String[] {"application/pskc+xml", body});
        }
        for (String body : List.of("", "serial", "serial,user,secret", ",,,,,,,,", user.username() + "," + user.username() + ",zz-not-hex",
                "1," + user.username() + "," + "ab".repeat(100_000), "\u0000," + user.username() + ",3132",
                LONG + "," + user.username() + ",3132333435363738393031323334353637383930")) {
            files.add(new String[] {"text/csv", body});
        }
        for (String nasty : NASTY) {
            files.add(new String[] {"text/csv", "serial,username,secret\n1," + nasty + ",3132333435363738393031323334353637383930"});
        }
        files.add(new String[] {"application/json", "{}"});
        long mark = ServerLog.mark();

        for (String[] file : files) {
            assertRefused("hardware tokens (" + file[0] + ")",
                    RawHttp.post(URI.create(admin + realm.name() + "/entra-sfo-hardware-tokens"), token, file[0], file[1]));
        }

        assertThat(ServerLog.ourStackTracesSince(mark)).as("stack traces in the server log").isEmpty();
        assertThat(ADMIN.get("/" + realm.name() + "/users/" + realm.userId(user) + "/credentials")).as("no token stored").isEmpty();
    }

    @Test
    void theReportAndSelfTestRefuseMalformedQueryParameters() {
        List<String> queries = new ArrayList<>(List.of("from=yesterday", "to=2026-13-45", "from=2026-11-30&to=2026-11-01",
                "from=0000-01-01&to=9999-12-31", "from=-999999999-01-01", "from=2026-11-01T25:61:00Z", "from=" + LONG));
        for (String nasty : NASTY) {
            queries.add("from=" + URLEncoder.encode(nasty, StandardCharsets.UTF_8));
        }
        long mark = ServerLog.mark();

        for (String query : queries) {
            RawHttp.Answer answer = RawHttp.get(URI.create(admin + realm.name() + "/entra-sfo/report?" + query), token);
            if (answer.status() == 200) {
                // A period that is odd but valid (the whole calendar) is answered, and quickly.
                continue;
            }
            assertRefused("report " + query.substring(0, Math.min(40, query.length())), answer);
        }
        for (String query : List.of("x=" + LONG, "realm=master", "from=%00")) {
            RawHttp.Answer answer = RawHttp.get(URI.create(admin + realm.name() + "/entra-sfo/self-test?" + query), token);
            assertThat(answer.status()).as("self-test ignores what it does not ask for: %s", answer.body()).isIn(200, 400);
            assertThat(answer.body()).doesNotContain("\tat ").doesNotContain("Exception");
        }

        assertThat(ServerLog.ourStackTracesSince(mark)).as("stack traces in the server log").isEmpty();
    }

    /** A 4xx with a JSON body that says what is wrong, and no stack trace. */
    static void assertRefused(String what, RawHttp.Answer answer) {
        assertThat(answer.status()).as("%s: %s", what, abbreviated(answer.body())).isBetween(400, 499);
        assertThat(answer.body()).as(what).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("org.entrasfo.");
        if (answer.status() != 413 && answer.status() != 415) {
            assertThat(answer.header("Content-Type").orElse("")).as("%s: a JSON error, got %s", what, abbreviated(answer.body()))
                    .startsWith("application/json");
            JsonNode error = parse(answer.body());
            // Keycloak's shapes: an OAuth error, one ErrorRepresentation, or several under "errors".
            String whatIsWrong = error.path("error").asText(error.path("errorMessage").asText(
                    error.path("errors").path(0).path("errorMessage").asText()));
            assertThat(whatIsWrong).as("%s: what is wrong", what).isNotBlank();
        }
    }

    private static List<Object> valuesToTry() {
        List<Object> values = new ArrayList<>(List.of(LONG, "", 42, -1, Long.MAX_VALUE, 1e308, true, List.of(), Map.of("a", "b"),
                List.of(LONG, LONG)));
        values.addAll(NASTY);
        return values;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + abbreviated(body));
        }
    }

    private static String abbreviated(String body) {
        return body == null || body.length() <= 300 ? body : body.substring(0, 300) + "…";
    }
}
