package org.entrasfo.it.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.entrasfo.it.keycloak.ServerOptions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The deployment files cannot be run here (no container engine), so what can drift is checked: one Keycloak
 * version, and the server options the product needs in every place an admin may take them from.
 */
class DeploymentFilesTest {

    private static final Path DEPLOY = Path.of("..", "deploy");

    @Test
    void theContainerImageIsBuiltOnTheKeycloakVersionOfTheBuild() throws Exception {
        String dockerfile = Files.readString(DEPLOY.resolve("container/Dockerfile"));
        String parentPom = Files.readString(Path.of("..", "pom.xml"));
        String version = parentPom.replaceAll("(?s).*<keycloak.version>([^<]+)</keycloak.version>.*", "$1");

        assertThat(dockerfile).contains("ARG KEYCLOAK_VERSION=" + version).contains("kc.sh build").contains("--optimized");
    }

    @Test
    void everyPlaceCarriesTheServerOptionsTheProductNeeds() throws Exception {
        String conf = Files.readString(DEPLOY.resolve("conf/entra-sfo.conf"));
        String operator = Files.readString(DEPLOY.resolve("kubernetes/keycloak.yaml"));
        for (String option : ServerOptions.REQUIRED) {
            String[] nameValue = option.substring(2).split("=", 2);
            assertThat(conf).contains(nameValue[0] + "=" + nameValue[1]);
            if (nameValue[0].equals("features")) {
                for (String feature : nameValue[1].split(",")) {
                    assertThat(operator).contains("- " + feature);
                }
            } else {
                assertThat(operator).contains("name: " + nameValue[0]).contains("value: \"" + nameValue[1] + "\"");
            }
        }
    }

    @Test
    void theDashboardIsValidJsonAndDrawsOurMetrics() throws Exception {
        String dashboard = Files.readString(DEPLOY.resolve("grafana/entra-sfo-dashboard.json"));

        assertThat(new ObjectMapper().readTree(dashboard).path("panels")).isNotEmpty();
        assertThat(dashboard).contains("entra_sfo_outcomes_total", "entra_sfo_jwks_age_seconds");
        assertThat(List.of("outcome", "factor", "tenant", "error")).allSatisfy(label -> assertThat(dashboard).contains(label));
    }

    @Test
    void theSbomListsExactlyTheLibrariesInsideTheBundle() throws Exception {
        Path bundle = providersBundle();
        Path sbom = bundle.resolveSibling(bundle.getFileName().toString().replace(".jar", "-cyclonedx.json"));
        JsonNode bom = new ObjectMapper().readTree(sbom.toFile());
        String self = coordinates(bom.path("metadata").path("component"));

        Set<String> listed = new TreeSet<>();
        bom.path("components").forEach(component -> listed.add(coordinates(component)));

        assertThat(listed).as("components of " + sbom.getFileName()).isEqualTo(librariesInside(bundle, self));
        assertThat(bom.path("components")).allSatisfy(component -> assertThat(component.path("purl").asText()).startsWith("pkg:maven/"));
    }

    /** The reference push device is a program for admins and tests, not a provider: nothing of it goes into Keycloak. */
    @Test
    void theProvidersBundleHoldsNothingOfTheReferencePushDevice() throws Exception {
        Path bundle = providersBundle();

        try (JarFile file = new JarFile(bundle.toFile())) {
            assertThat(file.stream().map(JarEntry::getName)).as("entries of " + bundle.getFileName())
                    .noneMatch(name -> name.startsWith("org/entrasfo/pushdevice/") || name.contains("/entra-sfo-push-device/"));
        }
    }

    /** The test clock moves Keycloak's time for the whole server: only the test harness installs it, never the bundle. */
    @Test
    void theProvidersBundleHoldsNothingOfTheTestClock() throws Exception {
        Path bundle = providersBundle();

        try (JarFile file = new JarFile(bundle.toFile())) {
            assertThat(file.stream().map(JarEntry::getName)).as("entries of " + bundle.getFileName())
                    .noneMatch(name -> name.startsWith("org/entrasfo/testclock/") || name.contains("/it-test-clock/"));
            var services = file.getJarEntry("META-INF/services/org.keycloak.services.resource.RealmResourceProviderFactory");
            if (services != null) {
                try (InputStream in = file.getInputStream(services)) {
                    assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("testclock");
                }
            }
        }
    }

    /** The bundle jar as the build made it; it exists from the package phase on, so mvn test alone cannot check it. */
    private static Path providersBundle() {
        Path bundle = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).map(Path::of)
                .filter(entry -> entry.getFileName().toString().matches("entra-sfo-keycloak-.*\\.jar"))
                .findFirst().orElse(null);
        Assumptions.assumeTrue(bundle != null, "the providers bundle is built in the package phase (mvn verify)");
        return bundle;
    }

    /** group:name:version of every library whose Maven descriptor the shade plugin copied into the jar. */
    private static Set<String> librariesInside(Path jar, String self) throws IOException {
        Set<String> libraries = new TreeSet<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : file.stream().toList()) {
                if (entry.getName().matches("META-INF/maven/[^/]+/[^/]+/pom\\.properties")) {
                    Properties pom = new Properties();
                    try (InputStream in = file.getInputStream(entry)) {
                        pom.load(in);
                    }
                    libraries.add(pom.getProperty("groupId") + ":" + pom.getProperty("artifactId") + ":" + pom.getProperty("version"));
                }
            }
        }
        libraries.remove(self);
        return libraries;
    }

    private static String coordinates(JsonNode component) {
        return component.path("group").asText() + ":" + component.path("name").asText() + ":" + component.path("version").asText();
    }
}
