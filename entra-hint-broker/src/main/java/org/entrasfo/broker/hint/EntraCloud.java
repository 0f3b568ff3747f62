package org.entrasfo.broker.hint;

import java.util.Locale;
import java.util.Optional;

/**
 * The Microsoft clouds that can send an external MFA request, each pinned to its own login host.
 * The JWKS and redirect URI are derived from that host only, never from anything inside a token.
 */
public enum EntraCloud {

    GLOBAL("login.microsoftonline.com"),
    US_GOVERNMENT("login.microsoftonline.us"),
    CHINA("login.partner.microsoftonline.cn");

    private final String host;

    EntraCloud(String host) {
        this.host = host;
    }

    public String host() {
        return host;
    }

    public EntraAuthority authority() {
        String base = "https://" + host;
        return new EntraAuthority(base, base + "/common/discovery/v2.0/keys", false);
    }

    public static Optional<EntraCloud> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String normalized = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (EntraCloud cloud : values()) {
            if (cloud.name().equals(normalized) || cloud.host.equalsIgnoreCase(value.trim())) {
                return Optional.of(cloud);
            }
        }
        return Optional.empty();
    }
}
