package org.entrasfo.it.face;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.entrasfo.it.support.FaceServiceUnderTest;
import org.entrasfo.it.support.FakeCamera;
import org.entrasfo.sfo.face.FaceFrames;
import org.entrasfo.sfo.face.FaceUploads;
import org.entrasfo.sfo.face.FrameLimits;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The face page's script ({@code js/sfo-face.js}) in Chromium with a fake camera, on the page's markup as
 * {@code sfo-face.ftl} renders it: operated by keyboard, it films the challenge's steps and posts frames the server's
 * gates take (count, size, JPEG); without consent it posts nothing; without a camera it tells the server so.
 */
class FacePageScriptIT {

    private static final Path SCRIPT = Path.of("..", "admin-theme", "src", "main", "resources", "theme-resources",
            "resources", "js", "sfo-face.js");
    private static final String PAGE = """
            <!doctype html><html lang="en"><body>
            <form id="sfo-face-form" action="/post" method="post" data-max-frames="12">
              <input type="checkbox" id="sfo-face-consent" name="consent" value="yes" required/>
              <label for="sfo-face-consent">I agree</label>
              <video id="sfo-face-video" autoplay muted playsinline width="320" height="240"></video>
              <ol id="sfo-face-steps"><li data-pose="FRONT">Front</li><li data-pose="LEFT">Left</li>
                <li data-pose="UP">Up</li><li data-pose="RIGHT">Right</li></ol>
              <p id="sfo-face-status" role="status"></p>
              <div id="sfo-face-frames"></div>
              <button id="sfo-face-start" type="button">Start the camera</button>
              <span id="sfo-face-messages" hidden data-no-camera="no camera" data-hold="hold"
                    data-sending="sending" data-consent="consent first"></span>
            </form>
            <script src="/sfo-face.js" defer></script>
            </body></html>""";

    @Test
    void filmsEveryStepOfTheChallengeAndPostsFramesTheServerTakes() throws Exception {
        byte[] photo = SampleFaces.photo("sample1.jpg");
        Path film = FakeCamera.write(Files.createTempFile("entra-sfo-face", ".y4m"), List.of(new FakeCamera.Shot(
                SampleFaces.around(photo, SampleFaces.boxes(FaceServiceUnderTest.get(), photo).get(0), 1.0f), 10)));
        try (Page page = new Page(); Chromium chromium = new Chromium(film)) {
            chromium.driver.get(page.url());
            chromium.driver.findElement(By.id("sfo-face-consent")).sendKeys(Keys.SPACE);
            chromium.driver.findElement(By.id("sfo-face-start")).sendKeys(Keys.ENTER);

            List<String[]> posted = page.posted.get(60, TimeUnit.SECONDS);

            assertThat(values(posted, "consent")).containsExactly("yes");
            List<String> frames = values(posted, "frame");
            // Two frontal frames and three for each of the three turns, within the page's limit of 12.
            assertThat(frames).hasSize(11);
            assertThat(FaceFrames.accept(FaceUploads.decode(frames, FrameLimits.DEFAULTS), FrameLimits.DEFAULTS)).hasSize(11);
        } finally {
            Files.deleteIfExists(film);
        }
    }

    @Test
    void withoutConsentNothingIsFilmedOrPosted() throws Exception {
        try (Page page = new Page(); Chromium chromium = new Chromium(null)) {
            chromium.driver.get(page.url());
            chromium.driver.findElement(By.id("sfo-face-start")).sendKeys(Keys.ENTER);

            assertThat(chromium.driver.findElement(By.id("sfo-face-status")).getText()).isEqualTo("consent first");
            assertThat(page.posted).isNotDone();
        }
    }

    @Test
    void aBrowserWithoutACameraTellsTheServerInsteadOfPostingFrames() throws Exception {
        try (Page page = new Page(); Chromium chromium = new Chromium(null)) {
            chromium.driver.get(page.url());
            chromium.driver.findElement(By.id("sfo-face-consent")).sendKeys(Keys.SPACE);
            chromium.driver.findElement(By.id("sfo-face-start")).sendKeys(Keys.ENTER);

            List<String[]> posted = page.posted.get(30, TimeUnit.SECONDS);

            assertThat(values(posted, "no_camera")).containsExactly("true");
            assertThat(values(posted, "frame")).isEmpty();
        }
    }

    private static List<String> values(List<String[]> form, String name) {
        return form.stream().filter(pair -> pair[0].equals(name)).map(pair -> pair[1]).toList();
    }

    /** The page and its script on loopback (a secure context, as getUserMedia needs), and what the form posted. */
    private static final class Page implements AutoCloseable {
        final CompletableFuture<List<String[]>> posted = new CompletableFuture<>();
        private final HttpServer server;

        Page() throws IOException {
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
                send(exchange, "text/html; charset=utf-8", PAGE.getBytes(StandardCharsets.UTF_8));
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

    /** Debian's headless Chromium; with a film, a fake camera playing it; without, no camera at all. */
    private static final class Chromium implements AutoCloseable {
        final WebDriver driver;

        Chromium(Path film) throws IOException {
            ChromeOptions options = new ChromeOptions();
            options.setBinary(Path.of("/usr/bin/chromium").toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--use-fake-ui-for-media-stream", "--user-data-dir=" + Files.createTempDirectory("entra-sfo-chromium"));
            if (film != null) {
                options.addArguments("--use-fake-device-for-media-stream", "--use-file-for-fake-video-capture=" + film.toAbsolutePath());
            }
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
            driver = new ChromeDriver(service, options);
        }

        @Override
        public void close() {
            driver.quit();
        }
    }
}
