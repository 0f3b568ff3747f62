package org.entrasfo.sfo.helpdesk;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.entrasfo.factor.fuzz.FuzzExecutions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The body of {@code POST /admin/realms/{realm}/entra-sfo-helpdesk/codes}, as the resource reads it (Keycloak's own
 * JSON mapper): a request with fields of their declared types, or Jackson's error for malformed JSON (answered 400),
 * never another exception; then the checks against the realm's limits end in an order or a refusal naming its field.
 */
class HelpdeskRequestFuzzTest {

    private static final FuzzExecutions RUN = new FuzzExecutions("help desk request (admin JSON)");

    @MethodSource("seeds")
    @DictionaryEntries({"\"username\"", "\"validMinutes\"", "\"singleUse\"", "\"amr\"", "\"otp\"", "true", "null",
            "2147483648", "1e400", "\"\\u0000\""})
    @FuzzTest
    void everyBodyIsARequestOrMalformedJson(byte[] body) {
        RUN.ran();
        HelpdeskCodeRequest request;
        try {
            // The body as the JSON text application/json carries (UTF-8), read exactly as the resource reads it.
            request = HelpdeskCodeResource.parse(new String(body, StandardCharsets.UTF_8));
        } catch (HelpdeskCodeRefusal refused) {
            org.assertj.core.api.Assertions.assertThat(refused.status().getStatusCode()).isEqualTo(400);
            return;
        }
        org.assertj.core.api.Assertions.assertThat(request).as("a request, never null").isNotNull();
        for (HelpdeskCodeLimits limits : java.util.List.of(HelpdeskCodeLimits.DEFAULTS, new HelpdeskCodeLimits(java.time.Duration.ofDays(7), 10))) {
            try {
                HelpdeskCodeRequest.Order order = request.check(limits);
                org.assertj.core.api.Assertions.assertThat(order.uses()).isBetween(1, limits.maxUses());
                org.assertj.core.api.Assertions.assertThat(order.validity()).isLessThanOrEqualTo(limits.maxValidity());
                org.assertj.core.api.Assertions.assertThat(order.method().type().name()).isEqualTo("POSSESSION");
            } catch (HelpdeskCodeRefusal refused) {
                org.assertj.core.api.Assertions.assertThat(refused.getMessage()).isNotBlank();
            }
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
