package org.entrasfo.broker.hint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The micro-benchmark measures a hint that passes (not a fast refusal), and keeps compiling with the code it measures. */
class HintValidationBenchmarkTest {

    @Test
    void benchmarkedHintPassesEveryRuleWithTheWarmKeyCache() throws Exception {
        HintValidationBenchmark benchmark = new HintValidationBenchmark();
        benchmark.warmKeyCache();

        assertThat(benchmark.validateHint().tenantId()).isEqualTo(TestHints.TENANT);
        assertThat(benchmark.rsaSignatureOnly()).isTrue();
    }
}
