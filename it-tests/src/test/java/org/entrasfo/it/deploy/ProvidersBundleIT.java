package org.entrasfo.it.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.entrasfo.it.keycloak.KeycloakProcess;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.junit.jupiter.api.Test;

/** What an admin installs is one jar: a plain distribution with only that file in providers/ runs every part. */
class ProvidersBundleIT {

    @Test
    void aPlainDistributionWithOnlyTheBundleListsEveryProvider() throws Exception {
        KeycloakProcess keycloak = KeycloakUnderTest.keycloak();
        Path providers = Path.of(System.getProperty("keycloak.dist.dir")).resolve("providers");
        try (Stream<Path> files = Files.list(providers)) {
            assertThat(files.filter(f -> f.toString().endsWith(".jar")).map(f -> f.getFileName().toString()))
                    .singleElement().asString().startsWith("entra-sfo-keycloak-");
        }

        JsonNode spis = keycloak.admin().serverInfo().path("providers");

        assertThat(ids(spis, "authenticator")).contains("entra-hint-broker", "sfo-policy", "sfo-otp", "sfo-sms-code", "sfo-email-code");
        assertThat(ids(spis, "protocol-mapper")).contains("entra-external-mfa-claims");
        assertThat(ids(spis, "admin-realm-restapi-extension")).contains("entra-sfo", "entra-sfo-hardware-tokens");
        assertThat(keycloak.tail(2000)).doesNotContain("ClassNotFoundException").doesNotContain("NoClassDefFoundError");
    }

    private static List<String> ids(JsonNode spis, String spi) {
        List<String> ids = new ArrayList<>();
        spis.path(spi).path("providers").fieldNames().forEachRemaining(ids::add);
        return ids;
    }
}
