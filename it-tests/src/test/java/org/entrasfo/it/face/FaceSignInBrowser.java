package org.entrasfo.it.face;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.entrasfo.entrasim.AuthorizationRequest;
import org.entrasfo.entrasim.FormPost;
import org.entrasfo.it.support.AdminConsole;
import org.entrasfo.it.support.ChallengeFilm;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.TenantRealm;
import org.entrasfo.sfo.face.HeadPose;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person at headless Chromium with a camera, signing in for Entra: Entra's form POST opens the factor page, the
 * fake camera plays a film of the person ({@link ChallengeFilm}) and the page's own script films it and posts the
 * frames; Keycloak's answer to Entra is kept on screen to be read. One film file for the whole browser: Chromium reads
 * it when a page opens the camera, so each attempt writes its film just before pressing Start, after the page showed
 * the challenge the film answers.
 */
final class FaceSignInBrowser implements AutoCloseable {

    private static final By START = By.id("sfo-face-start");
    private static final By FORM = By.id("sfo-face-form");
    /** Filming takes 7.2 s; the engine then reads a dozen frames on a busy two-core machine. */
    private static final Duration ANSWER = Duration.ofSeconds(90);

    private final Path film;
    private final AdminConsole chromium;
    private WebElement pending;

    FaceSignInBrowser() {
        try {
            film = ChallengeFilm.still(Files.createTempFile("entra-sfo-face", ".y4m"),
                    HeadTurnFrames.pictures(HeadTurnFrames.FIRST).get(HeadPose.FRONT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        chromium = new AdminConsole(KeycloakUnderTest.keycloak(), List.of("--use-fake-device-for-media-stream",
                "--use-fake-ui-for-media-stream", "--use-file-for-fake-video-capture=" + film.toAbsolutePath()));
        chromium.keepFormPostsToMicrosoft();
    }

    /** Entra's request for the user, up to the face page (Keycloak hands over to the face by itself when it is theirs). */
    AuthorizationRequest facePage(TenantRealm realm, EntraUser user) {
        AuthorizationRequest request = realm.requestWith(realm.hintFor(user).sign());
        chromium.postLikeEntra(realm.keycloak().authorizationEndpoint(realm.name()), request.formParameters(), START);
        return request;
    }

    /** The head turns the server drew for this page, as the page lists them after "look at the camera". */
    List<HeadPose> challenge() {
        return driver().findElements(By.cssSelector("#sfo-face-steps li[data-pose]")).stream()
                .map(step -> HeadPose.valueOf(step.getAttribute("data-pose")))
                .filter(pose -> pose != HeadPose.FRONT).toList();
    }

    /** The person looks at the camera and turns their head as this page asks; consent given, Start pressed. */
    void followTheChallenge(HeadTurnFrames.Person person) {
        film(() -> ChallengeFilm.write(film, challenge(), HeadTurnFrames.pictures(person)));
    }

    /** The person, or a photograph of them, looks at the camera without moving; consent given, Start pressed. */
    void holdStill(HeadTurnFrames.Person person) {
        film(() -> ChallengeFilm.still(film, HeadTurnFrames.pictures(person).get(HeadPose.FRONT)));
    }

    /**
     * As {@link #followTheChallenge}, and the frames the page posts, as data URLs: the page's submit is held back
     * while they are read, then done as the page would.
     */
    @SuppressWarnings("unchecked")
    List<String> followTheChallengeRecordingThePost(HeadTurnFrames.Person person) {
        script("var form = document.getElementById('sfo-face-form');"
                + " form.submit = function () { document.documentElement.setAttribute('data-face-held', 'yes'); };");
        followTheChallenge(person);
        new WebDriverWait(driver(), ANSWER).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("html[data-face-held='yes']")));
        List<String> frames = (List<String>) script("return Array.from(document.querySelectorAll('#sfo-face-frames input[name=frame]'))"
                + ".map(function (field) { return field.value; });");
        script("HTMLFormElement.prototype.submit.call(document.getElementById('sfo-face-form'));");
        return frames;
    }

    /** What a replaying attacker's page does: recorded frames put into this page's form, consent ticked, posted. */
    void postAsThisPagesFrames(List<String> frames) {
        pending = driver().findElement(FORM);
        script("var holder = document.getElementById('sfo-face-frames');"
                + " document.getElementById('sfo-face-consent').checked = true;"
                + " arguments[0].forEach(function (value) { var field = document.createElement('input');"
                + "  field.type = 'hidden'; field.name = 'frame'; field.value = value; holder.appendChild(field); });"
                + " HTMLFormElement.prototype.submit.call(document.getElementById('sfo-face-form'));", frames);
    }

    /** Keycloak's form POST to Entra that answered the frames. */
    FormPost answerToEntra() {
        awaitAnswer();
        return chromium.capturedEntraPost();
    }

    /** The text of the page Keycloak answered the frames with. */
    String answerPage() {
        awaitAnswer();
        return driver().findElement(By.tagName("body")).getText();
    }

    /** Whatever this page would post to Entra: nothing, on a page that is no answer to Entra. */
    Optional<FormPost> formPostToEntra() {
        return FormPost.parse(driver().getPageSource(), java.net.URI.create(driver().getCurrentUrl()));
    }

    /** Whether this page has Keycloak's "Try another way" to the user's other factors. */
    boolean offersAnotherWay() {
        return !driver().findElements(By.id("try-another-way")).isEmpty();
    }

    /** "Try another way" on this page, then the factor with this id on Keycloak's choice page. */
    void tryAnotherWay(String factorId) {
        driver().findElement(By.id("try-another-way")).click();
        chromium.await(By.id("sfo-factor-" + factorId + "-choose")).click();
    }

    /** The OTP page: the code typed and sent. */
    void enterCode(String code) {
        pending = chromium.await(By.id("otp"));
        pending.sendKeys(code);
        driver().findElement(By.cssSelector("#sfo-otp-form [type=submit]")).click();
    }

    /** The next person at this browser: no cookies of the last one (no SSO session, no authentication session). */
    void forgetCookies() {
        ((ChromeDriver) driver()).executeCdpCommand("Network.clearBrowserCookies", Map.of());
    }

    Path screenshot(String name) {
        return chromium.screenshot(name);
    }

    private void film(FilmWriter writer) {
        try {
            writer.write();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pending = driver().findElement(FORM);
        driver().findElement(By.id("sfo-face-consent")).sendKeys(Keys.SPACE);
        driver().findElement(START).sendKeys(Keys.ENTER);
    }

    private void awaitAnswer() {
        new WebDriverWait(driver(), ANSWER).until(ExpectedConditions.stalenessOf(pending));
        new WebDriverWait(driver(), ANSWER).until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState;")));
    }

    private Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver()).executeScript(script, arguments);
    }

    private WebDriver driver() {
        return chromium.driver();
    }

    @FunctionalInterface
    private interface FilmWriter {
        void write() throws IOException;
    }

    @Override
    public void close() {
        chromium.close();
        try {
            Files.deleteIfExists(film);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
