package org.entrasfo.sfo.push.webpush;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A browser's push subscription ({@code PushSubscription.toJSON()}): where to send (the push service's endpoint, a
 * capability URL) and the user agent's keys for RFC 8291 encryption. The {@code auth} secret lets anyone encrypt
 * messages the device will trust, so it is never printed.
 */
public record PushSubscription(URI endpoint, ECPublicKey userAgentKey, byte[] authSecret) {

    static final int AUTH_SECRET_LENGTH = 16;
    private static final int MAX_ENDPOINT_LENGTH = 2048;

    public PushSubscription {
        if (endpoint == null || endpoint.getHost() == null || endpoint.getRawUserInfo() != null) {
            throw new IllegalArgumentException("the endpoint must be an absolute URL with a host and no user info");
        }
        if (authSecret == null || authSecret.length != AUTH_SECRET_LENGTH) {
            throw new IllegalArgumentException("keys.auth must be " + AUTH_SECRET_LENGTH + " bytes");
        }
        authSecret = authSecret.clone();
    }

    @Override
    public byte[] authSecret() {
        return authSecret.clone();
    }

    public static PushSubscription fromJson(Map<String, Object> json) {
        if (json == null || !(json.get("endpoint") instanceof String endpoint) || !(json.get("keys") instanceof Map<?, ?> keys)) {
            throw new IllegalArgumentException("a push subscription needs endpoint and keys");
        }
        if (endpoint.length() > MAX_ENDPOINT_LENGTH) {
            throw new IllegalArgumentException("the endpoint is too long");
        }
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the endpoint is not a URL");
        }
        return new PushSubscription(uri, P256.decodePublic(base64Url(keys.get("p256dh"), "keys.p256dh")),
                base64Url(keys.get("auth"), "keys.auth"));
    }

    public Map<String, Object> toJson() {
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("p256dh", Base64.getUrlEncoder().withoutPadding().encodeToString(P256.encode(userAgentKey)));
        keys.put("auth", Base64.getUrlEncoder().withoutPadding().encodeToString(authSecret));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("endpoint", endpoint.toString());
        json.put("keys", keys);
        return json;
    }

    private static byte[] base64Url(Object value, String name) {
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException(name + " is missing");
        }
        try {
            return Base64.getUrlDecoder().decode(text.replace('+', '-').replace('/', '_').replace("=", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not base64url");
        }
    }

    @Override
    public String toString() {
        return "PushSubscription[" + endpoint.getScheme() + "://" + endpoint.getAuthority() + "/...]";
    }
}
