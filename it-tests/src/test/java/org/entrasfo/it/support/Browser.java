package org.entrasfo.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.entrasfo.entrasim.FormPost;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** One user's browser for plain HTTP flows: its own cookie jar, redirects followed like a browser follows them. */
public final class Browser {

    private final HttpClient.Builder builder;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private HttpClient http;

    public Browser(HttpClient.Builder builder) {
        this.builder = builder.cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER);
        this.http = this.builder.build();
    }

    /**
     * The same browser (same cookies) on new connections, as after a load balancer moved it to another node: a
     * kept-alive connection to the old node must not carry the next request.
     */
    public void reconnect() {
        http = builder.build();
    }

    /** A new user at the same machine: no cookies, the connections kept (as the next sign-in of a load worker). */
    public void forgetCookies() {
        cookies.getCookieStore().removeAll();
    }

    public record Page(int status, URI uri, String body, HttpHeaders headers) {

        public Page(int status, URI uri, String body) {
            this(status, uri, body, HttpHeaders.of(Map.of(), (name, value) -> true));
        }

        /** A response header of the page (the last response of a redirect chain), if any. */
        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        public Document document() {
            return Jsoup.parse(body, uri.toString());
        }

        public Optional<FormPost> formPost() {
            return FormPost.parse(body, uri);
        }

        public Optional<Element> form(String cssSelector) {
            return Optional.ofNullable(document().selectFirst(cssSelector));
        }

        public String text() {
            return document().text();
        }
    }

    public Page get(URI uri) {
        return autoSubmitted(follow(send(HttpRequest.newBuilder(uri).GET())));
    }

    public Page post(URI uri, Map<String, String> fields) {
        String form = fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return autoSubmitted(follow(send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)))));
    }

    /** A form post whose fields may repeat, as a page posting several values of one field (the face frames) sends them. */
    public Page post(URI uri, List<Map.Entry<String, String>> fields) {
        String form = fields.stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        return autoSubmitted(follow(send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)))));
    }

    /**
     * What the theme's script does with a page that only carries a choice already made (the factor the user passed
     * last): submits its form, once, as a browser with JavaScript would.
     */
    private Page autoSubmitted(Page page) {
        if (page.body() == null || !page.body().contains("data-sfo-auto-submit")) {
            return page;
        }
        Element form = page.document().selectFirst("form[data-sfo-auto-submit=true]");
        if (form == null || !sameOrigin(URI.create(form.absUrl("action")), page.uri())) {
            return page;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        form.select("input[name]").forEach(input -> fields.put(input.attr("name"), input.attr("value")));
        String body = fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        return follow(send(HttpRequest.newBuilder(URI.create(form.absUrl("action")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))));
    }

    /** Submits a form of the page with its current values, some replaced. */
    public Page submit(Page page, String formSelector, Map<String, String> values) {
        Element form = page.form(formSelector).orElseThrow(() -> new AssertionError("no form " + formSelector + " on:\n" + page.text()));
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element input : form.select("input[name]")) {
            if (!"submit".equalsIgnoreCase(input.attr("type")) || values.containsKey(input.attr("name"))) {
                fields.put(input.attr("name"), input.attr("value"));
            }
        }
        fields.putAll(values);
        return post(URI.create(form.absUrl("action")), fields);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Page follow(HttpResponse<String> response) {
        for (int hops = 0; hops < 10 && response.statusCode() / 100 == 3; hops++) {
            URI next = response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
            if (!sameOrigin(next, response.uri())) {
                // Another application's redirect URI: the test reads it instead of following it.
                return new Page(response.statusCode(), next, "", response.headers());
            }
            response = send(HttpRequest.newBuilder(next).GET());
        }
        return new Page(response.statusCode(), response.uri(), response.body(), response.headers());
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equals(b.getScheme()) && a.getHost().equals(b.getHost()) && a.getPort() == b.getPort();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
