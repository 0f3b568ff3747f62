package org.entrasfo.pushdevice;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;

import com.nimbusds.jwt.SignedJWT;

/**
 * What a device reads from the QR code (section 1.2): the realm to enrol with and the enrolment token. The code holds
 * the realm's app link with the token in its fragment; a bare token is accepted too.
 *
 * @param realmUrl the realm's issuer, {@code https://host/realms/{realm}}
 * @param token    the enrolment token, a compact JWS only the realm can verify
 */
public record EnrolmentLink(String realmUrl, String token) {

    private static final String FRAGMENT = "#enrol=";
    private static final String APP_PATH = "/sfo-push/app/";

    /** Reads the QR code's content (the app link) or a bare token; for a bare token the realm is its (unverified) issuer. */
    public static EnrolmentLink parse(String qrContentOrToken) {
        int fragment = qrContentOrToken.indexOf(FRAGMENT);
        String token = URLDecoder.decode(fragment < 0 ? qrContentOrToken.trim() : qrContentOrToken.substring(fragment + FRAGMENT.length()),
                StandardCharsets.UTF_8);
        int app = qrContentOrToken.indexOf(APP_PATH);
        if (app > 0) {
            return new EnrolmentLink(qrContentOrToken.substring(0, app), token);
        }
        // The issuer only says where to send the token; the realm verifies it, the device cannot.
        try {
            return new EnrolmentLink(SignedJWT.parse(token).getJWTClaimsSet().getIssuer(), token);
        } catch (ParseException e) {
            throw new IllegalArgumentException("neither an enrolment link nor an enrolment token");
        }
    }
}
