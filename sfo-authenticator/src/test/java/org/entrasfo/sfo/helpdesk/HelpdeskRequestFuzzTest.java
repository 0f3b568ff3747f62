package org.entrasfo.sfo.helpdesk;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.entrasfo.sfo.fuzz.FuzzExecutions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The body of {@code POST /admin/realms/{realm}/entra-sfo-helpdesk/codes}, as Keycloak reads it: a request with fields
 * of their declared types, or Jackson's error for malformed JSON (Keycloak answers 400), never another exception.
 * The checks of the fields need the realm (the user) and are made in the resource.
 */
class HelpdeskRequestFuzzTest {

    // Keycloak's ObjectMapperResolver reads REST bodies with Jackson's default deserialization settings.
    private static final ObjectMapper KEYCLOAK_JSON = new ObjectMapper();
    private static final FuzzExecutions RUN = new FuzzExecutions("help desk request (admin JSON)");

    @MethodSource("seeds")
    @DictionaryEntries({"\"username\"", "\"validMinutes\"", "\"singleUse\"", "\"amr\"", "\"otp\"", "true", "null",
            "2147483648", "1e400", "\"\\u0000\""})
    @FuzzTest
    void everyBodyIsARequestOrMalformedJson(byte[] body) {
        RUN.ran();
        try {
            // The body as the JSON text application/json carries (UTF-8); turning bytes into text is the HTTP layer's job.
            KEYCLOAK_JSON.readValue(new String(body, StandardCharsets.UTF_8), HelpdeskCodeResource.Request.class);
        } catch (JsonProcessingException malformed) {
            // Keycloak's error handler answers 400
        }
    }

    @AfterAll
    static void report() {
        RUN.report();
    }

    static Stream<byte[]> seeds() {
        return Stream.of(
                "{\"username\": \"jdoe\", \"validMinutes\": 60, \"singleUse\": true, \"amr\": \"otp\"}",
                "{\"username\": \" jdoe \"}",
                "{\"username\": \"jdoe\", \"validMinutes\": \"90\", \"singleUse\": \"false\", \"amr\": \"hwk \"}",
                "{\"username\": \"jdoe\", \"validMinutes\": 1.5, \"singleUse\": 0, \"amr\": 7}",
                "{\"username\": \"jdoe\", \"validMinutes\": 4294967296, \"amr\": [\"otp\"]}",
                "{\"username\": null, \"validMinutes\": null, \"singleUse\": null, \"amr\": null}",
                "{\"username\": \"jdoe\", \"issuedBy\": \"someone-else\"}",
                "null",
                "")
                .map(seed -> seed.getBytes(StandardCharsets.UTF_8));
    }
}
