package org.entrasfo.it.keycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A small client of Keycloak's admin REST API (paths relative to {@code /admin/realms}), as the master admin. */
public final class KeycloakAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String baseUrl;
    private final String password;
    private String token;
    private Instant tokenExpires = Instant.EPOCH;

    KeycloakAdmin(HttpClient http, String baseUrl, String password) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.password = password;
    }

    public record Answer(int status, JsonNode body, String location) {
    }

    public JsonNode get(String path) {
        Answer answer = send("GET", path, null);
        requireSuccess("GET", path, answer);
        return answer.body();
    }

    public Answer post(String path, Object body) {
        return send("POST", path, body);
    }

    public Answer put(String path, Object body) {
        return send("PUT", path, body);
    }

    public Answer delete(String path) {
        return send("DELETE", path, null);
    }

    /** Our product's one call that creates or updates a whole tenant realm; returns its description. */
    public Answer applyTenantRealm(Map<String, Object> profile) {
        return post("/master/entra-sfo/tenant-realms", profile);
    }

    /** A user bound to an Entra identity, with a Keycloak OTP credential whose secret the caller knows. */
    public String createEntraUser(String realm, String username, String oid, String tid, String otpSecret, boolean counterBased) {
        ObjectNode user = JSON.createObjectNode();
        user.put("username", username);
        user.put("enabled", true);
        user.put("email", username + "@example.org");
        user.put("firstName", username);
        user.put("lastName", "Example");
        ObjectNode attributes = user.putObject("attributes");
        if (oid != null) {
            attributes.putArray("entra_oid").add(oid);
            attributes.putArray("entra_tid").add(tid);
        }
        if (otpSecret != null) {
            ObjectNode credential = user.putArray("credentials").addObject();
            credential.put("type", "otp");
            credential.put("userLabel", counterBased ? "Key fob" : "Phone");
            credential.put("secretData", "{\"value\":\"" + otpSecret + "\"}");
            credential.put("credentialData", "{\"subType\":\"" + (counterBased ? "hotp" : "totp")
                    + "\",\"digits\":6,\"counter\":0,\"period\":30,\"algorithm\":\"HmacSHA1\"}");
        }
        ObjectNode partialImport = JSON.createObjectNode();
        partialImport.put("ifResourceExists", "OVERWRITE");
        partialImport.putArray("users").add(user);
        Answer answer = post("/" + realm + "/partialImport", partialImport);
        requireSuccess("import user", username, answer);
        return answer.body().path("results").path(0).path("id").asText();
    }

    /** Adds or replaces attributes of a user, as an admin does on the user's Attributes tab. */
    public void setUserAttributes(String realm, String username, Map<String, List<String>> attributes) {
        JsonNode found = get("/" + realm + "/users?exact=true&username=" + username);
        ObjectNode user = (ObjectNode) found.path(0);
        ObjectNode existing = user.has("attributes") ? (ObjectNode) user.get("attributes") : user.putObject("attributes");
        attributes.forEach((name, values) -> {
            var array = existing.putArray(name);
            values.forEach(array::add);
        });
        Answer answer = put("/" + realm + "/users/" + user.path("id").asText(), user);
        requireSuccess("update user", username, answer);
    }

    /** Gives an execution of a flow its configuration, as the gear icon of the flow editor does. */
    public void configureExecution(String realm, String flowAlias, String providerId, Map<String, String> config) {
        String executions = "/" + realm + "/authentication/flows/" + flowAlias.replace(" ", "%20") + "/executions";
        for (JsonNode execution : get(executions)) {
            if (providerId.equals(execution.path("providerId").asText())) {
                Map<String, Object> body = Map.of("alias", providerId + "-" + java.util.UUID.randomUUID().toString().substring(0, 8),
                        "config", config);
                Answer answer = post("/" + realm + "/authentication/executions/" + execution.path("id").asText() + "/config", body);
                requireSuccess("configure", providerId, answer);
                return;
            }
        }
        throw new IllegalStateException("no execution " + providerId + " in flow " + flowAlias);
    }

    /** Events of a realm, newest first, optionally of some types only. */
    public List<JsonNode> events(String realm, String... types) {
        StringBuilder query = new StringBuilder("?max=500");
        for (String type : types) {
            query.append("&type=").append(type);
        }
        List<JsonNode> events = new ArrayList<>();
        get("/" + realm + "/events" + query).forEach(events::add);
        return events;
    }

    public List<JsonNode> adminEvents(String realm) {
        List<JsonNode> events = new ArrayList<>();
        get("/" + realm + "/admin-events?max=200").forEach(events::add);
        return events;
    }

    /** A file upload: the body as it is, with its own content type. */
    public Answer postFile(String path, String contentType, String content) {
        return send("POST", path, new RawBody(contentType, content));
    }

    private record RawBody(String contentType, String content) {
    }

    /**
     * The offset of the server's clock (Keycloak's {@code Time}), through the test-only provider at
     * {@code /realms/master/test-clock}, which only the test harness installs.
     */
    public int clockOffset() {
        Answer answer = send("GET", URI.create(baseUrl + "/realms/master/test-clock"), null);
        requireSuccess("GET", "/realms/master/test-clock", answer);
        return answer.body().path("offsetSeconds").asInt();
    }

    /** Sets the server clock's offset; the next call takes a token the moved clock minted, so none is expired early. */
    public void setClockOffset(int seconds) {
        Answer answer = send("PUT", URI.create(baseUrl + "/realms/master/test-clock"), Map.of("offsetSeconds", seconds));
        requireSuccess("PUT", "/realms/master/test-clock", answer);
        synchronized (this) {
            token = null;
        }
    }

    /** Keycloak's server info: providers, themes, features. */
    public JsonNode serverInfo() {
        Answer answer = send("GET", URI.create(baseUrl + "/admin/serverinfo"), null);
        requireSuccess("GET", "/admin/serverinfo", answer);
        return answer.body();
    }

    private Answer send(String method, String path, Object body) {
        return send(method, URI.create(baseUrl + "/admin/realms" + path), body);
    }

    private Answer send(String method, URI uri, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token())
                    .header("Accept", "application/json");
            if (body instanceof RawBody raw) {
                request.header("Content-Type", raw.contentType()).method(method, HttpRequest.BodyPublishers.ofString(raw.content()));
            } else if (body != null) {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body() == null || response.body().isBlank()
                    ? JSON.createObjectNode() : parseOrText(response.body());
            return new Answer(response.statusCode(), json, response.headers().firstValue("Location").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private synchronized String token() throws IOException, InterruptedException {
        if (token != null && Instant.now().isBefore(tokenExpires)) {
            return token;
        }
        String form = "grant_type=password&client_id=admin-cli&username=admin&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("admin token: HTTP " + response.statusCode() + " " + response.body());
        }
        JsonNode json = JSON.readTree(response.body());
        token = json.path("access_token").asText();
        tokenExpires = Instant.now().plusSeconds(Math.max(10, json.path("expires_in").asLong(60) - 10));
        return token;
    }

    private static JsonNode parseOrText(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }

    private static void requireSuccess(String what, String path, Answer answer) {
        if (answer.status() / 100 != 2) {
            throw new IllegalStateException(what + " " + path + ": HTTP " + answer.status() + " " + answer.body());
        }
    }

}
