package org.entrasfo.pushsim;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Plays a Web Push service (RFC 8030) on loopback: hands out endpoints, and accepts a message only as a real push
 * service would, with {@code Content-Encoding: aes128gcm}, a {@code TTL} and a valid VAPID authorization (RFC 8292)
 * for its own origin. It stores the encrypted bodies; reading them needs the subscription's keys, as on a real device.
 */
public final class PushServiceStandIn implements AutoCloseable {

    private static final Pattern VAPID = Pattern.compile("^vapid\\s+t=([^,\\s]+)\\s*,\\s*k=([A-Za-z0-9_-]+)\\s*$");

    /** A message as the push service accepted it; the body is still encrypted. */
    public record ReceivedPush(String endpoint, Map<String, String> headers, byte[] body, String vapidSubject, String vapidPublicKey) {
    }

    private final HttpServer server;
    private final Set<String> endpoints = ConcurrentHashMap.newKeySet();
    private final Set<String> gone = ConcurrentHashMap.newKeySet();
    private final List<ReceivedPush> received = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> handedOut = new ConcurrentHashMap<>();

    public PushServiceStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "push-service-stand-in");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/push/", this::handle);
        server.start();
    }

    public String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String newEndpoint() {
        String endpoint = origin() + "/push/" + UUID.randomUUID();
        endpoints.add(endpoint);
        return endpoint;
    }

    public List<ReceivedPush> received(String endpoint) {
        return received.stream().filter(push -> push.endpoint().equals(endpoint)).toList();
    }

    /** The next message for the endpoint not returned before, waiting for it up to {@code timeout}. */
    public ReceivedPush awaitPush(String endpoint, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            synchronized (handedOut) {
                List<ReceivedPush> forEndpoint = received(endpoint);
                int next = handedOut.getOrDefault(endpoint, 0);
                if (forEndpoint.size() > next) {
                    handedOut.put(endpoint, next + 1);
                    return forEndpoint.get(next);
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no push for " + endpoint + " within " + timeout);
    }

    /** From now on the endpoint answers 410 Gone, as after the user revoked the app's permission. */
    public void gone(String endpoint) {
        gone.add(endpoint);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String endpoint = origin() + exchange.getRequestURI().getPath();
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            if (!endpoints.contains(endpoint)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (gone.contains(endpoint)) {
                exchange.sendResponseHeaders(410, -1);
                return;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
            if (!"aes128gcm".equals(headers.get("content-encoding")) || headers.get("ttl") == null || body.length == 0 || body.length > 4096) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            String[] vapid = checkVapid(headers.get("authorization"));
            if (vapid == null) {
                exchange.sendResponseHeaders(403, -1);
                return;
            }
            received.add(new ReceivedPush(endpoint, headers, body, vapid[0], vapid[1]));
            exchange.getResponseHeaders().add("Location", origin() + "/message/" + UUID.randomUUID());
            exchange.sendResponseHeaders(201, -1);
        }
    }

    /** Subject and public key of a valid VAPID authorization for this push service, or null. */
    private String[] checkVapid(String authorization) {
        Matcher matcher = authorization == null ? null : VAPID.matcher(authorization);
        if (matcher == null || !matcher.matches()) {
            return null;
        }
        try {
            SignedJWT jwt = SignedJWT.parse(matcher.group(1));
            if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new ECDSAVerifier(publicKey(matcher.group(2))))) {
                return null;
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Instant expires = claims.getExpirationTime() == null ? null : claims.getExpirationTime().toInstant();
            String subject = claims.getSubject();
            boolean valid = claims.getAudience().equals(List.of(origin()))
                    && expires != null && expires.isAfter(Instant.now()) && expires.isBefore(Instant.now().plus(Duration.ofHours(24)))
                    && subject != null && (subject.startsWith("mailto:") || subject.startsWith("https:"));
            return valid ? new String[] {subject, matcher.group(2)} : null;
        } catch (Exception e) {
            return null;
        }
    }

    static ECPublicKey publicKey(String base64Url) throws Exception {
        return UserAgentKeys.publicKey(Base64.getUrlDecoder().decode(base64Url));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
