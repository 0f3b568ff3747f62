package org.entrasfo.broker.scim;

import java.util.List;

import jakarta.ws.rs.core.Response;
import org.entrasfo.factor.realm.JsonAnswer;

/** SCIM's own error shape (RFC 7644 3.12), which Entra's provisioning logs show to its admin. */
final class ScimErrors {

    static final String ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

    record ScimError(List<String> schemas, String status, String scimType, String detail) {
    }

    private ScimErrors() {
    }

    static Response of(ScimWriteRules.Refusal refusal) {
        return JsonAnswer.status(refusal.status(), new ScimError(List.of(ERROR_SCHEMA), Integer.toString(refusal.status()),
                refusal.scimType(), refusal.detail())).type("application/scim+json").build();
    }
}
