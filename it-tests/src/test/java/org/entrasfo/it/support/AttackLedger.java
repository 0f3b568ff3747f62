package org.entrasfo.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The count the security note reports: tokens an attack obtained without a fresh factor of the right user. Any
 * {@code id_token} posted to Entra, or any authorization code handed to another application, that an attack's pages
 * carry counts as one. Each attack test asserts its own count is zero; the figures are printed at the end of the run.
 */
public final class AttackLedger {

    private static final Map<String, Integer> TOKENS_BY_ATTACK = new ConcurrentHashMap<>();

    private AttackLedger() {
    }

    /** Counts the tokens on what the attack produced, records them under its name, and fails if there is one. */
    public static void assertNoTokenFrom(String attack, Browser.Page... pages) {
        int tokens = Arrays.stream(pages).mapToInt(AttackLedger::tokensOn).sum();
        TOKENS_BY_ATTACK.merge(attack, tokens, Integer::sum);
        assertThat(tokens).as("%s: tokens issued without a fresh factor", attack).isZero();
    }

    /** An id_token in an answer to Entra, or an authorization code in the redirect to an application. */
    static int tokensOn(Browser.Page page) {
        boolean idToken = page.formPost().map(post -> post.fields().containsKey("id_token")).orElse(false)
                || page.body().contains("name=\"id_token\"");
        String query = page.uri().getRawQuery();
        boolean code = query != null && Arrays.stream(query.split("&")).anyMatch(p -> p.startsWith("code="));
        String fragment = page.uri().getRawFragment();
        boolean fragmentToken = fragment != null && (fragment.contains("id_token=") || fragment.contains("code="));
        return idToken || code || fragmentToken ? 1 : 0;
    }

    /** Attacks recorded in this run. */
    public static int attacksRecorded() {
        return TOKENS_BY_ATTACK.size();
    }

    /** Tokens all recorded attacks obtained (the note's figure; zero unless an attack test failed). */
    public static int tokensWithoutFreshFactor() {
        return TOKENS_BY_ATTACK.values().stream().mapToInt(Integer::intValue).sum();
    }
}
