package org.entrasfo.sfo.push.endpoint;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.core.Response;
import org.entrasfo.factor.realm.JsonAnswer;

/**
 * How every endpoint under {@code /realms/{realm}/sfo-push} answers (protocol section 1): a typed record as JSON that
 * no cache keeps (answers name challenges and devices) and no browser sniffs ({@link JsonAnswer}); a refusal is an OAuth-style error.
 */
public final class PushAnswers {

    /** An OAuth-style refusal ({@code components.responses.Error} of the OpenAPI description); the description is optional. */
    public record Refusal(@JsonProperty("error") String error,
                          @JsonProperty("error_description") @JsonInclude(JsonInclude.Include.NON_NULL) String description) {
    }

    private PushAnswers() {
    }

    public static Response json(int status, Object body) {
        return JsonAnswer.status(status, body).build();
    }

    public static Response refusal(int status, String error, String description) {
        return json(status, new Refusal(error, description));
    }
}
