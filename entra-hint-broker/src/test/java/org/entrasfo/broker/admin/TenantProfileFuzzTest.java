package org.entrasfo.broker.admin;

import org.entrasfo.broker.provisioning.BrokerSettings;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.entrasfo.broker.EntraHintBrokerConfig;
import org.entrasfo.factor.fuzz.FuzzExecutions;
import org.entrasfo.broker.hint.EntraCloud;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The body of {@code POST /admin/realms/master/entra-sfo/tenant-realms}, as Keycloak reads it: malformed JSON is
 * Jackson's error (Keycloak answers 400), anything else ends in field errors or in a profile from which the realm's
 * settings can be derived. Never another exception, which would be a 500 to the admin.
 */
class TenantProfileFuzzTest {

    /** The factors of the providers bundle. */
    private static final java.util.List<String> DEPLOYED_FACTORS = java.util.List.of("sfo-otp", "sfo-push", "sfo-sms-code", "sfo-email-code", "sfo-helpdesk-code");

    // Keycloak's ObjectMapperResolver reads REST bodies with Jackson's default deserialization settings.
    private static final ObjectMapper KEYCLOAK_JSON = new ObjectMapper();
    private static final FuzzExecutions RUN = new FuzzExecutions("tenant profile (admin JSON)");

    @MethodSource("seeds")
    @DictionaryEntries({"\"realm\"", "\"tenantId\"", "\"appId\"", "\"clientId\"", "\"cloud\"", "\"unknownUser\"",
            "\"factors\"", "\"redirectUri\"", "\"workflow\"", "\"authorityIssuerBaseUrl\"", "\"authorityJwksUrl\"",
            "\"clockSkewSeconds\"", "\"maxHintAgeSeconds\"", "\"levelOfAuthentication\"", "\"sfo-otp\"", "\"GLOBAL\"",
            "\"US_GOVERNMENT\"", "\"link-existing\"", "https://", "null", "[null]", "2147483648"})
    @FuzzTest
    void everyBodyEndsInFieldErrorsOrAUsableProfile(byte[] body) {
        RUN.ran();
        TenantProfile profile;
        try {
            // The body as the JSON text application/json carries (UTF-8); turning bytes into text is the HTTP layer's job.
            profile = KEYCLOAK_JSON.readValue(new String(body, StandardCharsets.UTF_8), TenantProfile.class);
        } catch (JsonProcessingException malformed) {
            return;
        }
        if (profile == null) {
            return;
        }
        List<TenantProfile.FieldError> errors = profile.validate(DEPLOYED_FACTORS);
        if (!errors.isEmpty()) {
            assertThat(errors).allSatisfy(error -> assertThat(error.message()).isNotBlank());
            return;
        }
        // What provisioning derives from a valid profile before it touches the realm.
        assertThat(EntraCloud.parse(profile.cloud)).isPresent();
        assertThat(profile.authority().redirectUri()).startsWith("http");
        assertThat(profile.effectiveClientId()).isNotBlank();
        EntraHintBrokerConfig settings = EntraHintBrokerConfig.of(BrokerSettings.of(profile));
        assertThat(settings.hintPolicy(profile.tenantId.trim(), profile.effectiveClientId()).tenantId()).isNotBlank();
    }

    @AfterAll
    static void report() {
        RUN.report();
    }

    static Stream<byte[]> seeds() {
        String readme = """
                {
                  "realm": "contoso",
                  "name": "Contoso (Entra tenant)",
                  "displayName": "Contoso Health",
                  "tenantId": "8f6b1c2e-3d4a-4b5c-9d8e-0f1a2b3c4d5e",
                  "cloud": "GLOBAL",
                  "appId": "0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9",
                  "unknownUser": "refuse",
                  "factors": ["sfo-otp", "sfo-sms-code"]
                }""";
        return Stream.of(
                readme,
                readme.replace("\"GLOBAL\"", "\"login.microsoftonline.us\"").replace("\"refuse\"", "\"link-existing\""),
                readme.replace("}", ", \"clientId\": \" \", \"clockSkewSeconds\": \"120\", \"maxHintAgeSeconds\": 600.0,"
                        + " \"levelOfAuthentication\": -1, \"unexpected\": {\"nested\": [1, 2]}}"),
                readme.replace("}", ", \"authorityIssuerBaseUrl\": \"http://127.0.0.1:8099/\","
                        + " \"authorityJwksUrl\": \"http://127.0.0.1:8099/keys\", \"workflow\": \"browser\"}"),
                readme.replace("}", ", \"authorityIssuerBaseUrl\": \"https://user@[::1\", \"redirectUri\":"
                        + " \"https://login.microsoftonline.com/common/federation/externalauthprovider\"}"),
                readme.replace("[\"sfo-otp\", \"sfo-sms-code\"]", "[null]"),
                readme.replace("[\"sfo-otp\", \"sfo-sms-code\"]", "\"sfo-otp\""),
                readme.replace("\"contoso\"", "\"..\"").replace("\"GLOBAL\"", "null").replace("\"refuse\"", "\"CREATE\""),
                "{\"realm\": null, \"factors\": []}",
                "{}",
                "null",
                "[]",
                "")
                .map(seed -> seed.getBytes(StandardCharsets.UTF_8));
    }
}
