package org.entrasfo.it.face;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's headless Chromium; with a film, a fake camera playing it; without, no camera at all. */
final class CameraChromium implements AutoCloseable {
    final WebDriver driver;

    CameraChromium(Path film) throws IOException {
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
