package org.entrasfo.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;

/** Deque's axe-core in Chromium against WCAG 2.2 AA, on the page Chromium shows; a screenshot is kept. */
public final class WcagCheck {

    private static final List<String> WCAG_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

    private WcagCheck() {
    }

    /**
     * In Keycloak's own theme the read-only username box of Keycloak's layout has no label (Keycloak's, not ours);
     * our theme hides it, so there the whole page is checked.
     */
    public static void assertNoViolations(AdminConsole chromium, String page) {
        chromium.screenshot(page);
        AxeBuilder axe = new AxeBuilder().withTags(WCAG_AA);
        if (!chromium.driver().getPageSource().contains("css/entra-sfo.css")) {
            axe.exclude("#kc-attempted-username");
        }
        Results results = axe.analyze(chromium.driver());
        String violations = results.getViolations().stream().map(Rule::getId).collect(Collectors.joining(", "));
        assertThat(results.getViolations()).as("WCAG 2.2 AA violations on %s: %s", page, violations).isEmpty();
    }
}
