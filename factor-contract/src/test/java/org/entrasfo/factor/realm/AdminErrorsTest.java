package org.entrasfo.factor.realm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.keycloak.representations.idm.ErrorRepresentation;
import org.junit.jupiter.api.Test;

/** Refusals read like Keycloak's own admin resources' validation errors. */
class AdminErrorsTest {

    @Test
    void oneProblemIsTheFieldAndItsMessage() {
        ErrorRepresentation body = AdminErrors.body(List.of(AdminErrors.field("appId", "The App ID must be a GUID.")));

        assertThat(body.getField()).isEqualTo("appId");
        assertThat(body.getErrorMessage()).isEqualTo("The App ID must be a GUID.");
        assertThat(body.getErrors()).isNull();
    }

    @Test
    void severalProblemsAreListedOnePerField() {
        ErrorRepresentation body = AdminErrors.body(List.of(AdminErrors.field("tenantId", "a GUID"), AdminErrors.field("cloud", "unknown")));

        assertThat(body.getErrors()).extracting(ErrorRepresentation::getField).containsExactly("tenantId", "cloud");
        assertThat(body.getField()).isNull();
    }

    @Test
    void aRefusalNamesAtLeastOneProblem() {
        assertThatThrownBy(() -> AdminErrors.body(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
