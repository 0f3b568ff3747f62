package org.entrasfo.pushdevice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each protocol step as it leaves the device: path, content type and the signed request (section 1.1), read by a
 * loopback server that answers as a realm would. Whether the realm accepts them is for the integration tests.
 */
class PushDeviceRequestsTest {

    private static final Map<String, Object> SUBSCRIPTION = Map.of("endpoint", "https://push.example/x",
            "keys", Map.of("p256dh", "BPub", "auth", "secret"));

    private record Received(String path, String contentType, SignedJWT jws) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private String realmUrl;

    @BeforeEach
    void aRealmOnLoopback() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        realmUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/contoso";
        server.createContext("/realms/contoso/sfo-push/device/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring("/realms/contoso".length());
        try (InputStream body = exchange.getRequestBody()) {
            received.add(new Received(path, exchange.getRequestHeaders().getFirst("Content-Type"),
                    SignedJWT.parse(new String(body.readAllBytes(), StandardCharsets.UTF_8))));
        } catch (java.text.ParseException e) {
            throw new IOException(e);
        }
        String json = path.endsWith("/enrolments")
                ? "{\"credential_id\":\"cred-1\",\"user_id\":\"user-1\",\"realm_url\":\"" + realmUrl + "\",\"push\":true}"
                : path.endsWith("/requests") ? "{\"challenges\":[{\"challenge\":\"ch-1\",\"expires_at\":1}]}" : "{\"result\":\"approved\"}";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(path.endsWith("/enrolments") ? 201 : 200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void enrolsWithTheTypedCodeThenSignsEachStepWithTheKeyItEnrolled() throws Exception {
        PushDevice device = PushDevice.generate("Desk tablet", HttpClient.newHttpClient());

        assertThat(device.enrolWithCode(realmUrl, "ABCDE-FGH23", SUBSCRIPTION).status()).isEqualTo(201);
        assertThat(device.poll()).containsExactly(new PushDevice.PendingChallenge("ch-1", 1));
        assertThat(device.approve("ch-1", 42).body().path("result").asText()).isEqualTo("approved");
        device.deny("ch-1", "not_requested");
        device.subscribe(null);

        assertThat(received).extracting(Received::path).containsExactly("/sfo-push/device/enrolments", "/sfo-push/device/requests",
                "/sfo-push/device/challenges/ch-1/response", "/sfo-push/device/challenges/ch-1/response", "/sfo-push/device/subscription");
        assertThat(received).extracting(Received::contentType).containsOnly("application/jwt");
        SignedJWT enrolment = received.get(0).jws();
        assertThat(enrolment.getJWTClaimsSet().getClaims()).containsEntry("enrolment_code", "ABCDE-FGH23").containsKey("push_subscription");
        ECKey enrolledKey = enrolment.getHeader().getJWK().toECKey();
        for (Received request : received.subList(1, received.size())) {
            assertThat(request.jws().verify(new ECDSAVerifier(enrolledKey))).as(request.path()).isTrue();
            assertThat(request.jws().getHeader().getType()).isEqualTo(PushDevice.REQUEST_TYPE);
            assertThat(request.jws().getHeader().getKeyID()).isEqualTo("cred-1");
            assertThat(request.jws().getJWTClaimsSet().getSubject()).isEqualTo("user-1");
            assertThat(request.jws().getJWTClaimsSet().getAudience()).containsExactly(realmUrl);
        }
        assertThat(received.get(2).jws().getJWTClaimsSet().getClaims()).containsEntry("act", "approve").containsEntry("challenge", "ch-1")
                .containsEntry("number", 42L);
        assertThat(received.get(3).jws().getJWTClaimsSet().getClaims()).containsEntry("act", "deny").containsEntry("reason", "not_requested");
        assertThat(received.get(4).jws().getJWTClaimsSet().getClaims()).containsEntry("act", "subscribe").doesNotContainKey("push_subscription");
    }
}
