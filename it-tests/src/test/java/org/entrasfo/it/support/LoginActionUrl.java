package org.entrasfo.it.support;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The action URL of a Keycloak login form ({@code .../login-actions/authenticate?session_code=..&execution=..&tab_id=..}),
 * with one parameter changed or removed: what an attacker forging a form post, or a stale tab, sends.
 */
public final class LoginActionUrl {

    private LoginActionUrl() {
    }

    /** The action of the page's form. */
    public static URI of(Browser.Page page, String formSelector) {
        return URI.create(page.form(formSelector).orElseThrow(() -> new AssertionError("no form " + formSelector + " on:\n" + page.text()))
                .absUrl("action"));
    }

    /** The value of a query parameter, as it is in the URL (still encoded). */
    public static Optional<String> parameter(URI action, String name) {
        String query = action.getRawQuery();
        return query == null ? Optional.empty() : Arrays.stream(query.split("&")).filter(p -> p.startsWith(name + "="))
                .map(p -> p.substring(name.length() + 1)).findFirst();
    }

    /** The same URL with the parameter set to {@code value}, or without it when {@code value} is null. */
    public static URI with(URI action, String name, String value) {
        List<String> parameters = new ArrayList<>();
        String query = action.getRawQuery();
        if (query != null) {
            Arrays.stream(query.split("&")).filter(p -> !p.startsWith(name + "=")).forEach(parameters::add);
        }
        if (value != null) {
            parameters.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        String base = action.toString();
        int question = base.indexOf('?');
        return URI.create((question < 0 ? base : base.substring(0, question)) + (parameters.isEmpty() ? "" : "?" + String.join("&", parameters)));
    }
}
