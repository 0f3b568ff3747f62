package org.entrasfo.entrasim;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The demo's start page: each demo user as Entra has them after the first factor, what signing in as them shows, and
 * a button that sends Entra's request for them; the links to the demo's other pages.
 */
final class DemoStartPage {

    private final EntraSimulator entra;

    DemoStartPage(EntraSimulator entra) {
        this.entra = entra;
    }

    /** The start page, or for {@code /start?user=key} the auto-submitting form of Entra's request. */
    String html(DemoSettings settings, String path, String query) {
        if ("/start".equals(path)) {
            DemoSettings.DemoUser user = settings.user(parameter(query, "user"));
            return user == null ? null : request(settings, user);
        }
        StringBuilder html = new StringBuilder(EntraSimulator.page("Entra simulator")).append("<h1>Entra simulator</h1>")
                .append("<p>This page plays Microsoft Entra ID for the tenant of the demo realm: each user below has passed ")
                .append("the first factor, and a Conditional Access policy requires MFA from the external method. Pick one.</p>")
                .append("<table><tr><th scope=\"col\">User</th><th scope=\"col\">What it shows</th><th scope=\"col\"></th></tr>");
        for (DemoSettings.DemoUser user : settings.users()) {
            html.append("<tr><td><b>").append(Html.escape(user.displayName())).append("</b><br><code>")
                    .append(Html.escape(user.preferredUsername())).append("</code></td><td>").append(Html.escape(user.shows()));
            if (user.otpSecret() != null) {
                html.append(" Current OTP code, instead of a phone: <b id=\"otp-").append(Html.escape(user.key())).append("\">")
                        .append(OneTimePasswords.totp(user.otpSecret(), Instant.now())).append("</b> (reload for a new one).");
            }
            html.append("</td><td><a class=\"button\" id=\"start-").append(Html.escape(user.key())).append("\" href=\"/start?user=")
                    .append(Html.escape(user.key())).append("\">Sign in with MFA</a></td></tr>");
        }
        html.append("</table>");
        if (!settings.links().isEmpty()) {
            html.append("<h2>The demo's other pages</h2><ul>");
            for (DemoPage.Link link : settings.links()) {
                html.append("<li><a href=\"").append(Html.escape(link.href())).append("\">").append(Html.escape(link.label()))
                        .append("</a></li>");
            }
            html.append("</ul>");
        }
        return html.append("<p>Discovery URL of the demo realm: <code>").append(Html.escape(settings.discoveryUrl()))
                .append("</code></p></body></html>").toString();
    }

    private String request(DemoSettings settings, DemoSettings.DemoUser user) {
        String hint = entra.hint().tenant(entra.issuerBaseUrl(), settings.tenantId()).audience(settings.appId())
                .user(user.objectId(), user.subject(), user.preferredUsername(), user.displayName()).sign();
        AuthorizationRequest request = AuthorizationRequest.entra(settings.clientId(), entra.receiverUrl(), hint);
        entra.expectDemoAnswer(request.get("state"), new IdTokenValidator.Expectation(settings.discoveryUrl(), settings.clientId(),
                entra.receiverUrl(), request.get("nonce"), request.get("state"), List.of("possessionorinherence"),
                AuthorizationRequest.STANDARD_AMR, user.subject()));
        return request.htmlAutoSubmitForm(URI.create(settings.authorizationEndpoint()));
    }

    private static String parameter(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && name.equals(pair.substring(0, eq))) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
