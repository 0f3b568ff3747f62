package org.entrasfo.it.face;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The face page's markup as {@code sfo-face.ftl} renders it, with its script ({@code js/sfo-face.js}), on loopback (a
 * secure context, as getUserMedia needs), and what the form posted.
 */
final class FacePage implements AutoCloseable {

    private static final Path SCRIPT = Path.of("..", "admin-theme", "src", "main", "resources", "theme-resources",
            "resources", "js", "sfo-face.js");
    private static final String PAGE = """
            <!doctype html><html lang="en"><body>
            <form id="sfo-face-form" action="/post" method="post" data-max-frames="12">
              <input type="checkbox" id="sfo-face-consent" name="consent" value="yes" required/>
              <label for="sfo-face-consent">I agree</label>
              <video id="sfo-face-video" autoplay muted playsinline width="320" height="240"></video>
              <ol id="sfo-face-steps"><!-- steps --></ol>
              <p id="sfo-face-status" role="status"></p>
              <div id="sfo-face-frames"></div>
              <button id="sfo-face-start" type="button">Start the camera</button>
              <span id="sfo-face-messages" hidden data-no-camera="no camera" data-hold="hold"
                    data-sending="sending" data-consent="consent first"></span>
            </form>
            <script src="/sfo-face.js" defer></script>
            </body></html>""";

    final CompletableFuture<List<String[]>> posted = new CompletableFuture<>();
    private final HttpServer server;
    private final String html;

    FacePage(List<String> steps) throws IOException {
        this.html = PAGE.replace("<!-- steps -->", steps.stream()
                .map(step -> "<li data-pose=\"" + step + "\">" + step + "</li>").collect(Collectors.joining()));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if ("POST".equals(exchange.getRequestMethod())) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.US_ASCII);
            List<String[]> form = new ArrayList<>();
            for (String pair : body.split("&")) {
                String[] parts = pair.split("=", 2);
                form.add(new String[] {URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                        parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : ""});
            }
            posted.complete(form);
            send(exchange, "text/plain", "ok".getBytes(StandardCharsets.UTF_8));
        } else if (path.equals("/sfo-face.js")) {
            send(exchange, "text/javascript", Files.readAllBytes(SCRIPT));
        } else {
            send(exchange, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void send(HttpExchange exchange, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
