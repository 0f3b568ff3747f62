package org.entrasfo.twiliosim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.entrasfo.it.secrets.RunSecrets;

/**
 * A local stand-in of the part of Twilio's REST API the SMS factor uses (Programmable Messaging, "create a Message"),
 * answering in Twilio's own JSON, including its error format. It records every request exactly as Twilio would get
 * it. This is the one fake of the test suite: Twilio itself cannot be reached from here.
 */
public final class TwilioStandIn implements AutoCloseable {

    /** The run has one stand-in: classes that read what it received, reset it or make it fail hold this lock. */
    public static final String LOCK = "twilio-stand-in";


    /** Twilio's magic test number that is "not a valid phone number" (error 21211). */
    public static final String INVALID_NUMBER = "+15005550001";

    private static final Pattern MESSAGES = Pattern.compile("^/2010-04-01/Accounts/([^/]+)/Messages\\.json$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String accountSid;
    private final String authToken;
    private final HttpServer server;
    private final List<SentMessage> messages = new CopyOnWriteArrayList<>();
    private volatile Failure failure;
    private volatile Duration delay = Duration.ZERO;

    /** A message as Twilio received it; {@code authorized} says whether the Basic credentials were right. */
    public record SentMessage(String accountSid, String to, String from, String messagingServiceSid, String body,
                              boolean authorized) {
    }

    /** Every following request fails like this until {@link #reset()}. */
    public record Failure(int httpStatus, int twilioCode, String message) {
    }

    public TwilioStandIn(String accountSid, String authToken) throws IOException {
        this.accountSid = accountSid;
        this.authToken = authToken;
        RunSecrets.add(RunSecrets.Kind.TWILIO_AUTH_TOKEN, authToken);
        RunSecrets.add(RunSecrets.Kind.TWILIO_AUTH_TOKEN, basicCredentials(accountSid, authToken));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "twilio-stand-in");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    /** What the SMS factor is configured with instead of {@code https://api.twilio.com}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String accountSid() {
        return accountSid;
    }

    public String authToken() {
        return authToken;
    }

    public List<SentMessage> messages() {
        return List.copyOf(messages);
    }

    public List<SentMessage> messagesTo(String number) {
        return messages.stream().filter(m -> number.equals(m.to())).toList();
    }

    public void failWith(int httpStatus, int twilioCode, String message) {
        failure = new Failure(httpStatus, twilioCode, message);
    }

    /** Answers only after this long, like a Twilio edge that is overloaded. */
    public void delayAnswers(Duration delay) {
        this.delay = delay;
    }

    public void reset() {
        failure = null;
        delay = Duration.ZERO;
        messages.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            pause();
            Matcher path = MESSAGES.matcher(exchange.getRequestURI().getPath());
            if (!"POST".equals(exchange.getRequestMethod()) || !path.matches()) {
                error(exchange, 404, 20404, "The requested resource " + exchange.getRequestURI().getPath() + " was not found");
                return;
            }
            Map<String, String> form = parseForm(exchange.getRequestBody());
            RunSecrets.codesIn(form.get("Body"));
            boolean authorized = authorized(exchange.getRequestHeaders().getFirst("Authorization"), path.group(1));
            messages.add(new SentMessage(path.group(1), form.get("To"), form.get("From"), form.get("MessagingServiceSid"),
                    form.get("Body"), authorized));
            if (!authorized) {
                error(exchange, 401, 20003, "Authenticate");
                return;
            }
            Failure current = failure;
            if (current != null) {
                error(exchange, current.httpStatus(), current.twilioCode(), current.message());
                return;
            }
            if (form.get("To") == null || INVALID_NUMBER.equals(form.get("To"))) {
                error(exchange, 400, 21211, "The 'To' number " + form.get("To") + " is not a valid phone number.");
                return;
            }
            if (form.get("From") == null && form.get("MessagingServiceSid") == null) {
                error(exchange, 400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required to send a message");
                return;
            }
            if (form.get("Body") == null || form.get("Body").isEmpty()) {
                error(exchange, 400, 21602, "Message body is required.");
                return;
            }
            send(exchange, 201, message(path.group(1), form));
        }
    }

    private void pause() {
        Duration wait = delay;
        if (!wait.isZero()) {
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean authorized(String header, String pathAccount) {
        String expected = "Basic " + basicCredentials(accountSid, authToken);
        return expected.equals(header) && accountSid.equals(pathAccount);
    }

    private static String basicCredentials(String accountSid, String authToken) {
        return Base64.getEncoder().encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> message(String account, Map<String, String> form) {
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        String now = ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.US));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("account_sid", account);
        json.put("api_version", "2010-04-01");
        json.put("body", form.get("Body"));
        json.put("date_created", now);
        json.put("date_sent", null);
        json.put("date_updated", now);
        json.put("direction", "outbound-api");
        json.put("error_code", null);
        json.put("error_message", null);
        json.put("from", form.get("From"));
        json.put("messaging_service_sid", form.get("MessagingServiceSid"));
        json.put("num_media", "0");
        json.put("num_segments", "1");
        json.put("price", null);
        json.put("price_unit", "USD");
        json.put("sid", sid);
        json.put("status", form.get("MessagingServiceSid") != null ? "accepted" : "queued");
        json.put("subresource_uris", Map.of("media", "/2010-04-01/Accounts/" + account + "/Messages/" + sid + "/Media.json"));
        json.put("to", form.get("To"));
        json.put("uri", "/2010-04-01/Accounts/" + account + "/Messages/" + sid + ".json");
        return json;
    }

    private static void error(HttpExchange exchange, int status, int code, String message) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("code", code);
        json.put("message", message);
        json.put("more_info", "https://www.twilio.com/docs/errors/" + code);
        json.put("status", status);
        send(exchange, status, json);
    }

    private static void send(HttpExchange exchange, int status, Object json) throws IOException {
        byte[] body = JSON.writeValueAsBytes(json);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, String> parseForm(InputStream in) throws IOException {
        Map<String, String> form = new LinkedHashMap<>();
        String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        List<String> pairs = body.isEmpty() ? new ArrayList<>() : List.of(body.split("&"));
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.put(key, value);
        }
        return form;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
