package org.entrasfo.sfo.push.webpush;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The push services the realm sends to. A device names its endpoint, so without this list anyone who can enrol a
 * device could make Keycloak POST to any address (server-side request forgery). Entries are origins; a host may start
 * with {@code *.}, which matches one or more labels but never the parent itself.
 */
public final class PushServiceAllowList {

    public static final PushServiceAllowList DEFAULT = parse("https://fcm.googleapis.com,https://*.push.services.mozilla.com,"
            + "https://*.push.apple.com,https://*.notify.windows.com");

    private record Entry(String scheme, String host, boolean wildcard, int port) {
    }

    private final List<Entry> entries;

    private PushServiceAllowList(List<Entry> entries) {
        this.entries = entries;
    }

    public static PushServiceAllowList parse(String commaSeparatedOrigins) {
        return new PushServiceAllowList(Arrays.stream(commaSeparatedOrigins.split(",")).map(String::trim)
                .filter(origin -> !origin.isEmpty()).map(PushServiceAllowList::entry).toList());
    }

    private static Entry entry(String origin) {
        URI uri = URI.create(origin.replace("://*.", "://wildcard."));
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"https".equals(scheme) && !"http".equals(scheme) || uri.getHost() == null) {
            throw new IllegalArgumentException("not an origin: " + origin);
        }
        boolean wildcard = origin.contains("://*.");
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return new Entry(scheme, wildcard ? host.substring("wildcard.".length()) : host, wildcard, portOf(scheme, uri.getPort()));
    }

    public boolean allows(URI endpoint) {
        if (endpoint == null || endpoint.getScheme() == null || endpoint.getHost() == null || endpoint.getRawUserInfo() != null) {
            return false;
        }
        String scheme = endpoint.getScheme().toLowerCase(Locale.ROOT);
        String host = endpoint.getHost().toLowerCase(Locale.ROOT);
        int port = portOf(scheme, endpoint.getPort());
        return entries.stream().anyMatch(entry -> entry.scheme().equals(scheme) && entry.port() == port
                && (entry.wildcard() ? host.endsWith("." + entry.host()) : host.equals(entry.host())));
    }

    private static int portOf(String scheme, int port) {
        return port != -1 ? port : "https".equals(scheme) ? 443 : 80;
    }

    @Override
    public String toString() {
        return entries.toString();
    }
}
