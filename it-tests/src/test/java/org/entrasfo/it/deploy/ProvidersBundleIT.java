package org.entrasfo.it.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.entrasfo.it.keycloak.KeycloakProcess;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.twiliosim.TwilioStandIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * What an admin installs is one jar: a plain distribution with only that file in providers/ (besides the harness's
 * test-only jars, which hold nothing of the product) runs every part.
 */
@ResourceLock(value = TwilioStandIn.LOCK, mode = ResourceAccessMode.READ)
class ProvidersBundleIT {

    @Test
    void aPlainDistributionWithOnlyTheBundleListsEveryProvider() throws Exception {
        KeycloakProcess keycloak = KeycloakUnderTest.keycloak();
        Path providers = Path.of(System.getProperty("keycloak.dist.dir")).resolve("providers");
        List<String> testOnly = testOnlyProviders();
        try (Stream<Path> files = Files.list(providers)) {
            assertThat(files.filter(f -> f.toString().endsWith(".jar")).map(f -> f.getFileName().toString())
                    .filter(name -> !testOnly.contains(name)))
                    .singleElement().asString().startsWith("entra-sfo-keycloak-");
        }
        // The harness's test-only jars (the test clock) hold nothing of the product, so the bundle alone runs it.
        for (String jar : testOnly) {
            try (JarFile file = new JarFile(providers.resolve(jar).toFile())) {
                assertThat(file.stream().map(JarEntry::getName).filter(name -> name.endsWith(".class") && name.startsWith("org/entrasfo/"))
                        .filter(name -> !name.startsWith("org/entrasfo/testclock/"))).as(jar).isEmpty();
            }
        }

        JsonNode spis = keycloak.admin().serverInfo().path("providers");

        assertThat(ids(spis, "authenticator")).contains("entra-hint-broker", "sfo-policy", "sfo-otp", "sfo-sms-code", "sfo-email-code");
        assertThat(ids(spis, "protocol-mapper")).contains("entra-external-mfa-claims");
        assertThat(ids(spis, "admin-realm-restapi-extension")).contains("entra-sfo", "entra-sfo-hardware-tokens");
        // The whole console log from the start: providers are loaded then, and other classes' requests fill its tail.
        String log = java.nio.file.Files.readString(keycloak.logFile());
        assertThat(log).contains("Keycloak").doesNotContain("ClassNotFoundException").doesNotContain("NoClassDefFoundError");
    }

    /** The jars only the test harness adds to the Keycloak under test ({@code test.providers.dir}). */
    private static List<String> testOnlyProviders() throws IOException {
        String dir = System.getProperty("test.providers.dir");
        if (dir == null || !Files.isDirectory(Path.of(dir))) {
            return List.of();
        }
        try (Stream<Path> jars = Files.list(Path.of(dir))) {
            return jars.map(jar -> jar.getFileName().toString()).filter(name -> name.endsWith(".jar")).toList();
        }
    }

    private static List<String> ids(JsonNode spis, String spi) {
        List<String> ids = new ArrayList<>();
        spis.path(spi).path("providers").fieldNames().forEachRemaining(ids::add);
        return ids;
    }
}
