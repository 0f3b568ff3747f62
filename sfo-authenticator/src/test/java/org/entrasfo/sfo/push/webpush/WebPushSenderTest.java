package org.entrasfo.sfo.push.webpush;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real HTTP server on loopback: what a push service receives, and what its answers mean. */
class WebPushSenderTest {

    private static final String P256DH = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";

    private HttpServer server;
    private final List<Map<String, List<String>>> received = new CopyOnWriteArrayList<>();
    private volatile int status = 201;
    private CloseableHttpClient client;
    private String origin;

    @BeforeEach
    void pushService() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            received.add(Map.copyOf(exchange.getRequestHeaders()));
            if (status == 303) {
                exchange.getResponseHeaders().add("Location", origin + "/elsewhere");
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        origin = "http://127.0.0.1:" + server.getAddress().getPort();
        client = HttpClients.createDefault();
    }

    @AfterEach
    void stop() throws IOException {
        server.stop(0);
        client.close();
    }

    private WebPushSender sender(String allowed) {
        return new WebPushSender(client, PushServiceAllowList.parse(allowed), P256.newKeyPair(), "mailto:security@hospital.example");
    }

    private PushSubscription subscription(String endpoint) {
        return PushSubscription.fromJson(Map.of("endpoint", endpoint, "keys", Map.of("p256dh", P256DH, "auth", "BTBZMqHH6r4Tts7J_aSIgg")));
    }

    @Test
    void deliversAnEncryptedMessageWithTheHeadersOfWebPush() {
        WebPushSender.Delivery delivery = sender(origin).send(subscription(origin + "/push/1"), "{}".getBytes(), Duration.ofSeconds(90));

        assertThat(delivery.outcome()).isEqualTo(WebPushSender.Outcome.DELIVERED);
        Map<String, List<String>> headers = received.get(0);
        assertThat(headers.get("Ttl")).containsExactly("90");
        assertThat(headers.get("Urgency")).containsExactly("high");
        assertThat(headers.get("Content-encoding")).containsExactly("aes128gcm");
        assertThat(headers.get("Authorization").get(0)).startsWith("vapid t=");
    }

    @Test
    void tellsAGoneSubscriptionFromAFailure() {
        status = 410;
        assertThat(sender(origin).send(subscription(origin + "/push/1"), new byte[1], Duration.ofSeconds(60)).outcome())
                .isEqualTo(WebPushSender.Outcome.GONE);
        status = 500;
        assertThat(sender(origin).send(subscription(origin + "/push/1"), new byte[1], Duration.ofSeconds(60)).outcome())
                .isEqualTo(WebPushSender.Outcome.FAILED);
    }

    @Test
    void neitherSendsToAServiceNotAllowedNorFollowsARedirect() {
        assertThat(sender("https://fcm.googleapis.com").send(subscription(origin + "/push/1"), new byte[1], Duration.ofSeconds(60)).outcome())
                .isEqualTo(WebPushSender.Outcome.REFUSED);
        assertThat(received).isEmpty();

        status = 303;
        assertThat(sender(origin).send(subscription(origin + "/push/1"), new byte[1], Duration.ofSeconds(60)).outcome())
                .isEqualTo(WebPushSender.Outcome.FAILED);
        assertThat(received).hasSize(1);
    }
}
