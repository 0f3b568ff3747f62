package org.entrasfo.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.entrasfo.entrasim.EntraSimulator;
import org.entrasfo.it.support.AdminConsole;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo as a newcomer clicks through it, in one headless Chromium: the simulator's start page, the sign-in pages,
 * other tabs of the same browser (the push web app as the phone), and a screenshot of each page state
 * ({@code target/screenshots/demo-*.png}).
 */
final class DemoChromium implements AutoCloseable {

    static final String ACCEPTED = "MFA completed: Entra would accept this id_token";

    private final AdminConsole chromium = new AdminConsole(KeycloakUnderTest.keycloak());
    private final EntraSimulator microsoft;

    DemoChromium(EntraSimulator microsoft) {
        this.microsoft = microsoft;
    }

    WebDriver driver() {
        return chromium.driver();
    }

    void startPage() {
        driver().get(microsoft.baseUrl() + "/");
        chromium.await(By.id("start-alice"));
    }

    /** From the start page, "Sign in with MFA" next to the user; returns once the page shows {@code expected}. */
    void signInAs(String user, By expected) {
        startPage();
        driver().findElement(By.id("start-" + user)).click();
        await(expected);
    }

    void click(By button, By expected) {
        driver().findElement(button).click();
        await(expected);
    }

    void await(By expected) {
        try {
            chromium.await(expected);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("no " + expected + " on " + driver().getCurrentUrl() + ", screenshot "
                    + chromium.screenshot("demo-unexpected-page") + ", page:\n" + driver().findElement(By.tagName("body")).getText(), e);
        }
    }

    /** Waits for the web app's state ({@code data-state} of its body), as its scripts set it. */
    void awaitAppState(String state) {
        new WebDriverWait(driver(), Duration.ofSeconds(30)).until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-state", state));
    }

    /** A page of the demo in a new tab, which stays the current one; answers the page's text. */
    String openInNewTab(String path) {
        driver().switchTo().newWindow(WindowType.TAB);
        driver().get(microsoft.baseUrl() + path);
        return driver().findElement(By.tagName("body")).getText();
    }

    void scrollTo(By element) {
        ((ChromeDriver) driver()).executeScript("arguments[0].scrollIntoView()", driver().findElement(element));
    }

    void type(By field, String text) {
        driver().findElement(field).clear();
        driver().findElement(field).sendKeys(text);
    }

    /** The tab a link opened next to {@code known}. */
    String openedTab(String known) {
        new WebDriverWait(driver(), Duration.ofSeconds(10)).until(d -> d.getWindowHandles().size() > 1);
        return driver().getWindowHandles().stream().filter(handle -> !handle.equals(known)).findFirst().orElseThrow();
    }

    /** To another tab, brought to the front as a user's click on it would (the web app polls only while visible). */
    void switchTo(String tab) {
        driver().switchTo().window(tab);
        ((ChromeDriver) driver()).executeCdpCommand("Page.bringToFront", Map.of());
    }

    /** The simulator's verdict on Keycloak's answer: accepted, and the validated claim's value as it shows it. */
    String acceptedClaim(String claim) {
        await(By.cssSelector("#claim-" + claim + " code"));
        String verdict = driver().findElement(By.tagName("h1")).getText();
        if (!ACCEPTED.equals(verdict)) {
            throw new AssertionError("the simulator refused the id_token: " + driver().findElement(By.tagName("body")).getText());
        }
        return driver().findElement(By.cssSelector("#claim-" + claim + " code")).getText();
    }

    Path shot(String name) {
        return chromium.screenshot("demo-" + name);
    }

    @Override
    public void close() {
        chromium.close();
    }
}
