package org.entrasfo.entrasim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Plays Microsoft Entra ID on loopback: signs hints with its own RSA keys, serves their JWKS where Microsoft serves
 * its own ({@code /common/discovery/v2.0/keys}), and receives the provider's form POST at
 * {@code /common/federation/externalauthprovider}. For the demo it also serves a start page that sends the request.
 */
public final class EntraSimulator implements AutoCloseable {

    public static final String JWKS_PATH = "/common/discovery/v2.0/keys";
    public static final String RECEIVER_PATH = "/common/federation/externalauthprovider";

    private final HttpServer server;
    private final String baseUrl;
    private final RSAKey unpublishedKey;
    private volatile RSAKey currentKey;
    private volatile JWKSet published;
    private final AtomicInteger jwksHits = new AtomicInteger();
    private final AtomicBoolean jwksAvailable = new AtomicBoolean(true);
    private final BlockingQueue<Map<String, String>> receivedPosts = new LinkedBlockingQueue<>();
    private final Map<String, IdTokenValidator.Expectation> demoTransactions = new ConcurrentHashMap<>();
    private volatile DemoSettings demo;
    private final DemoStartPage startPage = new DemoStartPage(this);
    private volatile HttpClient validatorClient = HttpClient.newHttpClient();

    private EntraSimulator(String host, int port) throws IOException {
        currentKey = newKey();
        unpublishedKey = newKey();
        published = new JWKSet(currentKey.toPublicJWK());
        server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "entra-simulator");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext(JWKS_PATH, this::serveJwks);
        server.createContext(RECEIVER_PATH, this::receive);
        server.createContext("/", this::serveStartPage);
        server.start();
        baseUrl = "http://" + host + ":" + server.getAddress().getPort();
    }

    /** On 127.0.0.1, a free port. */
    public static EntraSimulator start() throws IOException {
        return new EntraSimulator("127.0.0.1", 0);
    }

    public static EntraSimulator start(String host, int port) throws IOException {
        return new EntraSimulator(host, port);
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String jwksUrl() {
        return baseUrl + JWKS_PATH;
    }

    /** The issuer base of a "custom authority" at this simulator: its hints say {@code baseUrl/{tid}/v2.0}. */
    public String issuerBaseUrl() {
        return baseUrl;
    }

    public String receiverUrl() {
        return baseUrl + RECEIVER_PATH;
    }

    /** A hint signed with the current, published key. */
    public HintBuilder hint() {
        return new HintBuilder(currentKey, currentKey);
    }

    public RSAKey unpublishedKey() {
        return unpublishedKey;
    }

    /** Microsoft rolls keys without notice: publish a new key next to the old one and sign with it from now on. */
    public RSAKey rotateKey() {
        RSAKey next = newKey();
        published = new JWKSet(List.of(next.toPublicJWK(), currentKey.toPublicJWK()));
        currentKey = next;
        return next;
    }

    public void setJwksAvailable(boolean available) {
        jwksAvailable.set(available);
    }

    public int jwksHits() {
        return jwksHits.get();
    }

    public void resetJwksHits() {
        jwksHits.set(0);
    }

    public BlockingQueue<Map<String, String>> receivedPosts() {
        return receivedPosts;
    }

    public void setDemo(DemoSettings settings, HttpClient clientForValidation) {
        this.demo = settings;
        this.validatorClient = clientForValidation;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString().replace("-", "").substring(0, 27))
                    .keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private void serveJwks(HttpExchange exchange) throws IOException {
        jwksHits.incrementAndGet();
        if (!jwksAvailable.get()) {
            respond(exchange, 503, "text/plain", "unavailable");
            return;
        }
        respond(exchange, 200, "application/json", published.toString(true));
    }

    private void receive(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            respond(exchange, 405, "text/plain", "POST only");
            return;
        }
        Map<String, String> fields = formFields(exchange.getRequestBody());
        receivedPosts.add(fields);
        respond(exchange, 200, "text/html; charset=utf-8", resultPage(fields));
    }

    /** The demo's last page: what Entra would conclude from the answer. */
    private String resultPage(Map<String, String> fields) {
        StringBuilder html = new StringBuilder(page("Entra simulator: answer received"));
        if (fields.containsKey("error")) {
            html.append("<h1>The provider answered with an error</h1><p><code>").append(Html.escape(fields.get("error")))
                    .append("</code>: ").append(Html.escape(fields.get("error_description"))).append("</p>");
        } else if (fields.containsKey("id_token")) {
            IdTokenValidator.Expectation expected = demoTransactions.remove(String.valueOf(fields.get("state")));
            Map<String, Object> claims;
            List<String> violations;
            if (expected != null) {
                IdTokenValidator.Result result = new IdTokenValidator(validatorClient, true)
                        .validate(new FormPost(URI.create(receiverUrl()), "post", fields), expected);
                claims = result.claims();
                violations = result.violations();
            } else {
                claims = decode(fields.get("id_token"));
                violations = List.of("no transaction of this simulator has that state: claims shown unvalidated");
            }
            html.append(violations.isEmpty() ? "<h1>MFA completed: Entra would accept this id_token</h1>"
                    : "<h1>Entra would refuse this id_token</h1><ul>");
            violations.forEach(v -> html.append("<li>").append(Html.escape(v)).append("</li>"));
            html.append(violations.isEmpty() ? "" : "</ul>").append("<table>");
            claims.forEach((k, v) -> html.append("<tr><th>").append(Html.escape(k)).append("</th><td><code>")
                    .append(Html.escape(String.valueOf(v))).append("</code></td></tr>"));
            html.append("</table>");
        }
        return html.append("<p><a href=\"/\">Start again</a></p></body></html>").toString();
    }

    private void serveStartPage(HttpExchange exchange) throws IOException {
        DemoSettings settings = demo;
        String path = exchange.getRequestURI().getPath();
        String html = settings == null || !("/".equals(path) || "/start".equals(path)) ? null
                : startPage.html(settings, path, exchange.getRequestURI().getRawQuery());
        if (html == null) {
            respond(exchange, 404, "text/plain", "not found");
            return;
        }
        respond(exchange, 200, "text/html; charset=utf-8", html);
    }

    /** A page of the demo at {@code path}, framed like the start page. */
    public void addDemoPage(String path, DemoPage page) {
        server.createContext(path, exchange -> {
            try {
                Map<String, String> form = "POST".equals(exchange.getRequestMethod()) ? formFields(exchange.getRequestBody()) : Map.of();
                respond(exchange, 200, "text/html; charset=utf-8", page(path) + page.body(exchange.getRequestMethod(), form)
                        + "<p><a href=\"/\">Back to the start page</a></p></body></html>");
            } catch (Exception e) {
                respond(exchange, 500, "text/plain; charset=utf-8", "The demo page failed: " + e.getMessage());
            }
        });
    }

    void expectDemoAnswer(String state, IdTokenValidator.Expectation expectation) {
        demoTransactions.put(state, expectation);
    }

    private static Map<String, Object> decode(String idToken) {
        try {
            return SignedJWT.parse(idToken).getJWTClaimsSet().toJSONObject();
        } catch (ParseException e) {
            return Map.of("error", "not a JWT");
        }
    }

    static String page(String title) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Html.escape(title) + "</title>"
                + "<style>body{font-family:sans-serif;max-width:50rem;margin:2rem auto}th{text-align:left;padding-right:1rem}"
                + ".button{background:#0067b8;color:#fff;padding:.6rem 1.2rem;text-decoration:none;white-space:nowrap}"
                + "td{padding:.5rem .5rem .5rem 0;vertical-align:top}</style></head><body>";
    }

    static Map<String, String> formFields(InputStream body) throws IOException {
        String raw = new String(body.readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            fields.put(name, value);
        }
        return fields;
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
