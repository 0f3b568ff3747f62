package org.entrasfo.it.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.entrasfo.it.keycloak.ServerOptions;
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
                assertThat(operator).contains("- " + nameValue[1]);
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
}
