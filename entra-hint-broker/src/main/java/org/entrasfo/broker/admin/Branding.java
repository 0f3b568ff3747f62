package org.entrasfo.broker.admin;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The organisation's look on the sign-in pages without writing a theme: a logo and a product colour, stored as realm
 * attributes that the pages read. Both are checked strictly here, for the REST call and the admin page alike, and
 * again by the page's template: the colour reaches CSS only as {@code #rrggbb}, and only if white text on it meets
 * WCAG AA (4.5:1), so buttons stay readable; the logo is an https address or a small inline raster or SVG image
 * (an image element never runs an SVG's script).
 */
public final class Branding {

    public static final String LOGO_ATTRIBUTE = "entraSfoBrandLogo";
    public static final String COLOUR_ATTRIBUTE = "entraSfoBrandColour";
    static final int MAX_URL_LENGTH = 2048;
    /** Small enough that the admin page's copy fits Keycloak's 4000-character component config column. */
    static final int MAX_DATA_IMAGE_BYTES = 2 * 1024;
    static final double MIN_CONTRAST_WITH_WHITE = 4.5;
    private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final Pattern DATA_IMAGE = Pattern.compile("data:image/(png|jpeg|gif|webp|svg\\+xml);base64,([A-Za-z0-9+/]+={0,2})");

    private Branding() {
    }

    /** Field errors of a logo; absent or empty is fine (empty removes it). */
    static void checkLogo(List<TenantProfile.FieldError> errors, String field, String logo) {
        if (logo == null || logo.isBlank()) {
            return;
        }
        String value = logo.trim();
        if (value.startsWith("data:")) {
            var data = DATA_IMAGE.matcher(value);
            if (!data.matches() || decodedSize(data.group(2)) > MAX_DATA_IMAGE_BYTES) {
                errors.add(new TenantProfile.FieldError(field, "A data:image/png, jpeg, gif, webp or svg+xml;base64 image of at most "
                        + MAX_DATA_IMAGE_BYTES / 1024 + " KB, or an https address."));
            }
            return;
        }
        if (!httpsAddress(value)) {
            errors.add(new TenantProfile.FieldError(field, "An https address of at most " + MAX_URL_LENGTH
                    + " characters without spaces or quotes, or a data:image."));
        }
    }

    /** Field errors of a colour; absent or empty is fine (empty removes it). */
    static void checkColour(List<TenantProfile.FieldError> errors, String field, String colour) {
        if (colour == null || colour.isBlank()) {
            return;
        }
        if (!COLOUR.matcher(colour.trim()).matches()) {
            errors.add(new TenantProfile.FieldError(field, "A colour as #rrggbb, for example #0b5394."));
        } else if (contrastWithWhite(colour.trim()) < MIN_CONTRAST_WITH_WHITE) {
            errors.add(new TenantProfile.FieldError(field, String.format(Locale.ROOT, "White text on %s has a contrast of %.2f:1; "
                    + "WCAG AA needs %.1f:1. Choose a darker colour.", colour.trim(), contrastWithWhite(colour.trim()), MIN_CONTRAST_WITH_WHITE)));
        }
    }

    /** The colour as stored: lower case {@code #rrggbb}. */
    public static String normalisedColour(String colour) {
        return colour.trim().toLowerCase(Locale.ROOT);
    }

    /** WCAG 2.2 contrast ratio of white against {@code #rrggbb}. */
    static double contrastWithWhite(String colour) {
        int rgb = Integer.parseInt(colour.substring(1), 16);
        double luminance = 0.2126 * channel(rgb >> 16) + 0.7152 * channel(rgb >> 8) + 0.0722 * channel(rgb);
        return 1.05 / (luminance + 0.05);
    }

    private static double channel(int value) {
        double c = (value & 0xff) / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static boolean httpsAddress(String value) {
        if (value.length() > MAX_URL_LENGTH || value.chars().anyMatch(c -> c <= ' ' || c == '"' || c == '\'' || c == '<' || c == '>'
                || c == '\\' || c == '(' || c == ')' || c > 0x7e)) {
            return false;
        }
        try {
            URI uri = new URI(value);
            return "https".equals(uri.getScheme()) && uri.getHost() != null && uri.getUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static long decodedSize(String base64) {
        try {
            return Base64.getDecoder().decode(base64).length;
        } catch (IllegalArgumentException e) {
            return Long.MAX_VALUE;
        }
    }
}
