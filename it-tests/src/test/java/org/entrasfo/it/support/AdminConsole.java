package org.entrasfo.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.entrasfo.it.keycloak.KeycloakProcess;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Keycloak's admin console in Debian's headless Chromium, driven through Debian's chromedriver (nothing is
 * downloaded). Screenshots land in {@code target/screenshots/} as test artifacts.
 */
public final class AdminConsole implements AutoCloseable {

    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final WebDriver driver;
    private final WebDriverWait wait;
    private final KeycloakProcess keycloak;

    public AdminConsole(KeycloakProcess keycloak) {
        this(keycloak, java.util.List.of());
    }

    /** With more Chromium switches, such as a fake camera playing a film (the face factor's tests). */
    public AdminConsole(KeycloakProcess keycloak, java.util.List<String> moreSwitches) {
        this.keycloak = keycloak;
        ChromeOptions options = new ChromeOptions();
        options.setBinary(Path.of("/usr/bin/chromium").toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,1000", "--lang=en-US",
                // The test Keycloak's certificate is self-signed.
                "--ignore-certificate-errors");
        options.addArguments(moreSwitches);
        try {
            options.addArguments("--user-data-dir=" + Files.createTempDirectory("entra-sfo-chromium"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        // A page that navigates while a condition reads it leaves a stale element: read again, not a failure.
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    }

    /** Signs in to the master realm's admin console as the bootstrap admin. */
    public AdminConsole signIn() {
        driver.get(keycloak.baseUrl() + "/admin/master/console/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys("admin");
        driver.findElement(By.id("password")).sendKeys(keycloak.adminPassword());
        driver.findElement(By.id("kc-login")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid='realmSelector'], nav")));
        return this;
    }

    public WebDriver driver() {
        return driver;
    }

    public WebDriverWait waiting() {
        return wait;
    }

    public void open(String consolePath) {
        driver.get(keycloak.baseUrl() + "/admin/master/console/#" + consolePath);
    }

    public WebElement await(By locator) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    /**
     * Entra's form POST replayed in Chromium from a local page (as Entra's own page would send it); returns once the
     * element the factor page must show is visible.
     */
    public void postLikeEntra(java.net.URI authorizationEndpoint, java.util.Map<String, String> parameters, By expected) {
        StringBuilder form = new StringBuilder("<html><body onload=\"document.forms[0].submit()\"><form method=\"post\" action=\"")
                .append(authorizationEndpoint).append("\">");
        parameters.forEach((name, value) -> form.append("<input type=\"hidden\" name=\"").append(name)
                .append("\" value=\"").append(value.replace("&", "&amp;").replace("\"", "&quot;")).append("\">"));
        form.append("</form></body></html>");
        try {
            Path page = Files.createTempFile("entra-form-post", ".html");
            Files.writeString(page, form);
            driver.get(page.toUri().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            await(expected);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("no " + expected + " on " + driver.getCurrentUrl() + ", screenshot "
                    + screenshot("unexpected-page") + ", page:\n" + driver.findElement(By.tagName("body")).getText(), e);
        }
    }

    /**
     * From now on, a page that auto-submits a form to Microsoft's host (Keycloak's answer to Entra) stays on screen
     * instead of leaving for a host this machine cannot reach; {@link #capturedEntraPost()} reads it.
     */
    public void keepFormPostsToMicrosoft() {
        String script = "(() => { const submit = HTMLFormElement.prototype.submit;"
                + " HTMLFormElement.prototype.submit = function () {"
                + "  if (String(this.action).startsWith('https://login.microsoftonline.')) {"
                + "   document.documentElement.setAttribute('data-entra-post', 'captured'); return; }"
                + "  return submit.call(this); }; })();";
        ((ChromeDriver) driver).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", java.util.Map.of("source", script));
    }

    /** Keycloak's form POST to Entra that {@link #keepFormPostsToMicrosoft()} kept from leaving. */
    public org.entrasfo.entrasim.FormPost capturedEntraPost() {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("html[data-entra-post='captured']")));
        return org.entrasfo.entrasim.FormPost.parse(driver.getPageSource(), java.net.URI.create(driver.getCurrentUrl()))
                .orElseThrow(() -> new AssertionError("no form POST on " + driver.getCurrentUrl()));
    }

    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, ((ChromeDriver) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
