package org.entrasfo.sfo.push.app;

import java.io.InputStream;
import java.util.Map;

import jakarta.ws.rs.core.Response;
import org.keycloak.headers.SecurityHeadersProvider;
import org.keycloak.models.BrowserSecurityHeaders;
import org.keycloak.models.KeycloakSession;

/**
 * The files of the device web app, served by the realm so that the app's origin is the realm's (its signed requests
 * and service worker need no CORS) and so that nothing needs hosting elsewhere. A fixed list: no path from the URL
 * ever reaches the class path.
 */
final class PushApp {

    private static final String DIRECTORY = "/org/entrasfo/sfo/push/app/";
    /** Scripts and styles only from the app itself; nothing may frame it. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; worker-src 'self'; manifest-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("webmanifest", "application/manifest+json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"));

    private PushApp() {
    }

    /**
     * Keycloak would give the HTML file the realm's browser headers, replacing this policy with one that lets the
     * realm's own pages frame the app; the app sends its own complete set instead, HSTS as the realm has it.
     */
    static Response file(KeycloakSession session, String name) {
        if (!name.matches("[a-z0-9-]+\\.[a-z]+")) {
            return Response.status(Response.Status.NOT_FOUND).build();
        }
        String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
        InputStream content = type == null ? null : PushApp.class.getResourceAsStream(DIRECTORY + name);
        if (content == null) {
            return Response.status(Response.Status.NOT_FOUND).build();
        }
        session.getProvider(SecurityHeadersProvider.class).options().skipHeaders();
        String hsts = session.getContext().getRealm().getBrowserSecurityHeaders().getOrDefault(
                BrowserSecurityHeaders.STRICT_TRANSPORT_SECURITY.getKey(), BrowserSecurityHeaders.STRICT_TRANSPORT_SECURITY.getDefaultValue());
        Response.ResponseBuilder answer = Response.ok(content, type)
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Robots-Tag", "none")
                .header("Referrer-Policy", "no-referrer")
                // Revalidated on every start, so a Keycloak upgrade reaches installed apps at once.
                .header("Cache-Control", "no-cache");
        if (hsts != null && !hsts.isBlank()) {
            answer.header("Strict-Transport-Security", hsts);
        }
        return answer.build();
    }
}
