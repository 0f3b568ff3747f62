package org.entrasfo.it.scim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import org.entrasfo.it.support.KeycloakUnderTest;

/**
 * Microsoft Entra's provisioning service as a SCIM client, sending what Microsoft documents it sends
 * ("Tutorial: Develop and plan provisioning for a SCIM endpoint"): a client-credentials token, {@code userName eq}
 * filters before every create, {@code PATCH} with capitalised {@code Replace}/{@code Add} and string booleans,
 * soft delete by {@code active}, group membership patches, paged reads.
 */
final class EntraProvisioningService {

    static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String ENTERPRISE_SCHEMA = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    static final String GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
    static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    /** The custom extension the README tells Entra's admin to add for {@code mobile}. */
    static final String EXTENSION = "urn:ietf:params:scim:schemas:extension:entrasfo:2.0:User";
    private static final ObjectMapper JSON = new ObjectMapper();

    record Answer(int status, JsonNode body) {
    }

    private final String baseUrl;
    private final String token;
    private final HttpClient http = KeycloakUnderTest.keycloak().httpClientBuilder().build();

    private EntraProvisioningService(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** Signs in as Entra does with what the admin pasted: token URL, client ID and secret. */
    static EntraProvisioningService connect(JsonNode connection) {
        return connect(connection, connection.path("scimBaseUrl").asText());
    }

    static EntraProvisioningService connect(JsonNode connection, String scimBaseUrl) {
        Answer answer = tokenFor(connection);
        if (answer.status() != 200) {
            throw new IllegalStateException("client credentials refused: " + answer.status() + " " + answer.body());
        }
        return new EntraProvisioningService(scimBaseUrl, answer.body().path("access_token").asText());
    }

    static Answer tokenFor(JsonNode connection) {
        String form = "grant_type=client_credentials&client_id=" + encode(connection.path("clientId").asText())
                + "&client_secret=" + encode(connection.path("clientSecret").asText());
        return new EntraProvisioningService("", null).send(HttpRequest.newBuilder(URI.create(connection.path("tokenUrl").asText()))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** The same token sent elsewhere, as a thief of it would. */
    EntraProvisioningService at(String otherBaseUrl) {
        return new EntraProvisioningService(otherBaseUrl, token);
    }

    Answer findUser(String userName) {
        return get("/Users?filter=" + encode("userName eq \"" + userName + "\""));
    }

    Answer findGroup(String displayName) {
        return get("/Groups?excludedAttributes=members&filter=" + encode("displayName eq \"" + displayName + "\""));
    }

    Answer users(int startIndex, int count) {
        return get("/Users?startIndex=" + startIndex + "&count=" + count);
    }

    /** Entra's create: the core user with the enterprise and our extension schema, {@code objectId} as externalId. */
    Answer createUser(String userPrincipalName, String objectId, String mail, String mobile) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("schemas", List.of(USER_SCHEMA, ENTERPRISE_SCHEMA, EXTENSION));
        user.put("externalId", objectId);
        user.put("userName", userPrincipalName);
        user.put("active", true);
        user.put("emails", List.of(Map.of("primary", true, "type", "work", "value", mail)));
        user.put("meta", Map.of("resourceType", "User"));
        user.put("name", Map.of("familyName", "Clinician", "givenName", "Test"));
        user.put(EXTENSION, Map.of("mobile", mobile));
        return send("POST", "/Users", user);
    }

    Answer createGroup(String displayName, String objectId) {
        return send("POST", "/Groups", Map.of("schemas", List.of(GROUP_SCHEMA), "externalId", objectId,
                "displayName", displayName, "meta", Map.of("resourceType", "Group")));
    }

    /** One PATCH operation as Entra writes it: {@code Replace}, {@code Add} or {@code Remove}, capitalised. */
    Answer patch(String resource, String id, String op, String path, Object value) {
        Map<String, Object> operation = new LinkedHashMap<>();
        operation.put("op", op);
        if (path != null) {
            operation.put("path", path);
        }
        if (value != null) {
            operation.put("value", value);
        }
        return patch(resource, id, List.of(operation));
    }

    Answer patch(String resource, String id, List<Map<String, Object>> operations) {
        return send("PATCH", "/" + resource + "/" + id, Map.of("schemas", List.of(PATCH_OP), "Operations", operations));
    }

    Answer delete(String resource, String id) {
        return send("DELETE", "/" + resource + "/" + id, null);
    }

    Answer get(String pathAndQuery) {
        return send("GET", pathAndQuery, null);
    }

    Answer send(String method, String pathAndQuery, Object body) {
        try {
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).method(method, publisher)
                    .header("Accept", "application/scim+json");
            if (body != null) {
                request.header("Content-Type", "application/scim+json");
            }
            return send(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Answer send(HttpRequest.Builder request) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body() == null || response.body().isBlank() ? NullNode.getInstance() : readOrText(response.body());
            return new Answer(response.statusCode(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode readOrText(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
