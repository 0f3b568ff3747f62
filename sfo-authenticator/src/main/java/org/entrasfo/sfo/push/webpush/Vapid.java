package org.entrasfo.sfo.push.webpush;

import java.net.URI;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Voluntary application-server identification (RFC 8292): the push service learns that every message comes from the
 * realm that owns the subscription's key, so nobody else can push to the realm's devices through it.
 */
public final class Vapid {

    /** RFC 8292 allows at most 24 hours; half leaves room for clock differences. */
    static final Duration LIFETIME = Duration.ofHours(12);

    private Vapid() {
    }

    public static String authorizationHeader(URI endpoint, KeyPair vapidKeys, String subject, Instant now) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().audience(origin(endpoint))
                .expirationTime(Date.from(now.plus(LIFETIME)));
        if (subject != null && !subject.isBlank()) {
            claims.subject(subject);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT).build(), claims.build());
        try {
            jwt.sign(new ECDSASigner((ECPrivateKey) vapidKeys.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException("VAPID signature failed", e);
        }
        return "vapid t=" + jwt.serialize() + ", k=" + publicKeyBase64Url((ECPublicKey) vapidKeys.getPublic());
    }

    /** The key browsers need as {@code applicationServerKey} when they subscribe. */
    public static String publicKeyBase64Url(ECPublicKey key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(P256.encode(key));
    }

    /** The push service's origin: scheme, host and a port only when it is not the scheme's default. */
    static String origin(URI endpoint) {
        String scheme = endpoint.getScheme().toLowerCase(java.util.Locale.ROOT);
        int port = endpoint.getPort();
        boolean defaultPort = port == -1 || ("https".equals(scheme) && port == 443) || ("http".equals(scheme) && port == 80);
        return scheme + "://" + endpoint.getHost().toLowerCase(java.util.Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}
