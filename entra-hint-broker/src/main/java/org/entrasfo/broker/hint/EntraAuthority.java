package org.entrasfo.broker.hint;

import java.net.URI;
import java.util.Objects;

/**
 * Who is trusted to sign hints for a realm: the issuer base ({@code https://login.microsoftonline.com}), the JWKS
 * those keys come from, and the one redirect URI that answers go to. Production uses {@link EntraCloud#authority()};
 * a custom authority exists for tests and private clouds and is logged as such.
 */
public record EntraAuthority(String issuerBaseUrl, String jwksUrl, boolean custom) {

    public static final String REDIRECT_PATH = "/common/federation/externalauthprovider";

    public EntraAuthority {
        Objects.requireNonNull(issuerBaseUrl, "issuerBaseUrl");
        Objects.requireNonNull(jwksUrl, "jwksUrl");
        issuerBaseUrl = stripTrailingSlash(issuerBaseUrl);
        requireAbsoluteHttpUrl(issuerBaseUrl, "issuer base URL");
        requireAbsoluteHttpUrl(jwksUrl, "JWKS URL");
    }

    /** The cloud's pinned authority, with either part replaced when an admin configured an override. */
    public static EntraAuthority of(EntraCloud cloud, String issuerBaseOverride, String jwksUrlOverride) {
        EntraAuthority pinned = cloud.authority();
        boolean overrideIssuer = issuerBaseOverride != null && !issuerBaseOverride.isBlank();
        boolean overrideJwks = jwksUrlOverride != null && !jwksUrlOverride.isBlank();
        if (!overrideIssuer && !overrideJwks) {
            return pinned;
        }
        return new EntraAuthority(
                overrideIssuer ? issuerBaseOverride.trim() : pinned.issuerBaseUrl(),
                overrideJwks ? jwksUrlOverride.trim() : pinned.jwksUrl(),
                true);
    }

    /** Contract 3.2: {@code https://HOST/{tid}/v2.0}. */
    public String issuerFor(String tenantId) {
        return issuerBaseUrl + "/" + tenantId + "/v2.0";
    }

    /** Contract 2: the only redirect URI of this authority, compared exactly. */
    public String redirectUri() {
        return issuerBaseUrl + REDIRECT_PATH;
    }

    private static String stripTrailingSlash(String url) {
        String trimmed = url.trim();
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    private static void requireAbsoluteHttpUrl(String url, String what) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The " + what + " is not a URL: " + url);
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("The " + what + " must be an absolute http(s) URL: " + url);
        }
    }
}
