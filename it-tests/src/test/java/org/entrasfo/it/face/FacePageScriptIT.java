package org.entrasfo.it.face;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.entrasfo.it.support.FaceServiceUnderTest;
import org.entrasfo.it.support.FakeCamera;
import org.entrasfo.sfo.face.FaceFrames;
import org.entrasfo.sfo.face.FaceUploads;
import org.entrasfo.sfo.face.FrameLimits;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * The face page's script ({@code js/sfo-face.js}) in Chromium with a fake camera, on the page's markup as
 * {@code sfo-face.ftl} renders it: operated by keyboard, it films the challenge's steps and posts frames the server's
 * gates take (count, size, JPEG); without consent it posts nothing; without a camera it tells the server so.
 */
class FacePageScriptIT {

    private static final List<String> STEPS = List.of("FRONT", "LEFT", "UP", "RIGHT");

    @Test
    void filmsEveryStepOfTheChallengeAndPostsFramesTheServerTakes() throws Exception {
        byte[] photo = SampleFaces.photo("sample1.jpg");
        Path film = FakeCamera.write(Files.createTempFile("entra-sfo-face", ".y4m"), List.of(new FakeCamera.Shot(
                SampleFaces.around(photo, SampleFaces.boxes(FaceServiceUnderTest.get(), photo).get(0), 1.0f), 10)));
        try (FacePage page = new FacePage(STEPS); CameraChromium chromium = new CameraChromium(film)) {
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
        try (FacePage page = new FacePage(STEPS); CameraChromium chromium = new CameraChromium(null)) {
            chromium.driver.get(page.url());
            chromium.driver.findElement(By.id("sfo-face-start")).sendKeys(Keys.ENTER);

            assertThat(chromium.driver.findElement(By.id("sfo-face-status")).getText()).isEqualTo("consent first");
            assertThat(page.posted).isNotDone();
        }
    }

    @Test
    void aBrowserWithoutACameraTellsTheServerInsteadOfPostingFrames() throws Exception {
        try (FacePage page = new FacePage(STEPS); CameraChromium chromium = new CameraChromium(null)) {
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
}
