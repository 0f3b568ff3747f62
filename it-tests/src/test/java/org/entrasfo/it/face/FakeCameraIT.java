package org.entrasfo.it.face;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import com.sun.net.httpserver.HttpServer;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.entrasfo.factor.http.HttpTimeouts;
import org.entrasfo.it.support.FaceServiceUnderTest;
import org.entrasfo.it.support.FakeCamera;
import org.entrasfo.sfo.face.FaceEngine;
import org.entrasfo.sfo.face.FaceFrames;
import org.entrasfo.sfo.face.FaceTemplate;
import org.entrasfo.sfo.face.FrameLimits;
import org.entrasfo.sfo.face.FrameObservation;
import org.entrasfo.sfo.face.remote.RemoteEngineSettings;
import org.entrasfo.sfo.face.remote.RemoteFaceEngine;
import org.entrasfo.it.support.ChallengeFilm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The way the face factor's browser test will film a person: Debian's headless Chromium with a fake camera playing a
 * file made from a sample photograph ({@link FakeCamera}), a page that takes a frame through {@code getUserMedia} and a
 * canvas as the factor's page does, and the built-in engine recognising the person in that frame.
 */
@ResourceLock(ChallengeFilm.TIMING_LOCK)
class FakeCameraIT {

    private static final String PAGE = """
            <!doctype html><html><body><video id="v" autoplay muted playsinline width="640" height="480"></video>
            <script>
            navigator.mediaDevices.getUserMedia({video: {width: 640, height: 480}, audio: false}).then(function (s) {
              var v = document.getElementById('v');
              v.srcObject = s;
              v.onloadeddata = function () {
                setTimeout(function () {
                  var c = document.createElement('canvas'); c.width = 640; c.height = 480;
                  c.getContext('2d').drawImage(v, 0, 0, 640, 480);
                  window.sfoFrame = c.toDataURL('image/jpeg', 0.8);
                }, 500);
              };
            }, function (e) { window.sfoFrame = 'error:' + e.name; });
            </script></body></html>""";

    @Test
    void chromiumsFakeCameraFilmsTheSamplePersonWellEnoughForTheEngineToRecogniseThem() throws Exception {
        FaceServiceUnderTest service = FaceServiceUnderTest.get();
        byte[] photo = SampleFaces.photo("sample1.jpg");
        BufferedImage picture = SampleFaces.around(photo, SampleFaces.boxes(service, photo).get(0), 1.0f);
        Path film = FakeCamera.write(Files.createTempFile("entra-sfo-face", ".y4m"), List.of(new FakeCamera.Shot(picture, 10)));
        FrameLimits limits = new FrameLimits(12, 1024 * 1024, 12 * 1024 * 1024, 240, 1920);

        byte[] filmed = filmedFrame(film);

        try (CloseableHttpClient http = HttpClients.createDefault()) {
            FaceEngine engine = RemoteFaceEngine.over(http, new RemoteEngineSettings(service.baseUrl(), service.apiKey(),
                    service.apiKey(), RemoteEngineSettings.BUILT_IN_ENGINE_ID), HttpTimeouts.ofMillis(2_000, 30_000));
            FaceTemplate template = engine.template(FaceFrames.accept(List.of(SampleFaces.jpeg(picture)), limits));
            FrameObservation seen = engine.observe(FaceFrames.accept(List.of(filmed), limits), Optional.of(template)).get(0);

            assertThat(seen.faces()).isEqualTo(1);
            assertThat(seen.similarity().getAsDouble()).isGreaterThanOrEqualTo(0.70);
        } finally {
            Files.deleteIfExists(film);
        }
    }

    private static byte[] filmedFrame(Path film) throws IOException {
        HttpServer page = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        page.createContext("/", exchange -> {
            byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        page.start();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(Path.of("/usr/bin/chromium").toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--use-file-for-fake-video-capture=" + film.toAbsolutePath(),
                "--user-data-dir=" + Files.createTempDirectory("entra-sfo-chromium"));
        ChromeDriverService driverService = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(driverService, options);
        try {
            // Loopback http is a secure context, so getUserMedia is allowed there.
            driver.get("http://127.0.0.1:" + page.getAddress().getPort() + "/");
            String frame = (String) new WebDriverWait(driver, Duration.ofSeconds(20))
                    .until(d -> ((JavascriptExecutor) d).executeScript("return window.sfoFrame || null;"));
            assertThat(frame).startsWith("data:image/jpeg;base64,");
            return Base64.getDecoder().decode(frame.substring("data:image/jpeg;base64,".length()));
        } finally {
            driver.quit();
            page.stop(0);
        }
    }
}
