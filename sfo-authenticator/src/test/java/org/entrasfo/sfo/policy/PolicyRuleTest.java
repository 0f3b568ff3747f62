package org.entrasfo.sfo.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class PolicyRuleTest {

    @Test
    void readsAGroupPathAndItsFactorsInOrder() {
        assertThat(PolicyRule.parse(" /Clinical/Nurses = sfo-sms-code, sfo-otp "))
                .contains(new PolicyRule(PolicyRule.Kind.GROUP, "/Clinical/Nurses", List.of("sfo-sms-code", "sfo-otp")));
    }

    @Test
    void readsAGroupWrittenWithoutTheLeadingSlash() {
        assertThat(PolicyRule.parse("Nurses=sfo-sms-code")).map(PolicyRule::subject).contains("/Nurses");
    }

    @Test
    void readsRealmAndClientRoles() {
        assertThat(PolicyRule.parse("role:physician = sfo-otp"))
                .contains(new PolicyRule(PolicyRule.Kind.ROLE, "physician", List.of("sfo-otp")));
        assertThat(PolicyRule.parse("role:ehr/prescriber = sfo-otp")).map(PolicyRule::subject).contains("ehr/prescriber");
    }

    @Test
    void ignoresLinesThatAreNotRules() {
        assertThat(PolicyRule.parse("just a note")).isEmpty();
        assertThat(PolicyRule.parse("/Nurses = ")).isEmpty();
        assertThat(PolicyRule.parse("= sfo-otp")).isEmpty();
        assertThat(PolicyRule.parse(null)).isEmpty();
    }
}
