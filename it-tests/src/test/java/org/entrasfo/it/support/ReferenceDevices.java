package org.entrasfo.it.support;

import java.net.http.HttpClient;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import org.entrasfo.it.secrets.RunSecrets;
import org.entrasfo.pushdevice.EnrolmentLink;
import org.entrasfo.pushdevice.PushDevice;

/**
 * The reference push device as the tests use it. The test side makes each device's key and reads each enrolment link
 * and code from a page, so it records them there for the leak scan ({@link RunSecrets}); the device knows no test.
 */
public final class ReferenceDevices {

    private static final String LINK = "#sfo-push-enrol-link";
    private static final String CODE = "#sfo-push-enrol-code";

    private ReferenceDevices() {
    }

    /** A new device whose key is recorded. */
    public static PushDevice generate(String name, HttpClient http) {
        try {
            ECKey key = new ECKeyGenerator(Curve.P_256).generate();
            RunSecrets.add(RunSecrets.Kind.DEVICE_KEY, key.getD().toString());
            return PushDevice.withKey(name, key, http);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The enrolment link (the QR code's content) a page shows, its token recorded; empty when the page shows none. */
    public static String enrolmentLinkOn(Browser.Page page) {
        return enrolmentLink(page.document().select(LINK).attr("href"));
    }

    /** An enrolment link the test side read, from a real browser's page for example, its token recorded. */
    public static String enrolmentLink(String link) {
        if (link != null && link.contains("#enrol=")) {
            RunSecrets.enrolmentToken(EnrolmentLink.parse(link).token());
        }
        return link;
    }

    /** The enrolment code a page shows, recorded (as the form ignores case, dashes and spaces, so does the scan). */
    public static String enrolmentCodeOn(Browser.Page page) {
        String code = page.document().select(CODE).text();
        RunSecrets.code(RunSecrets.Kind.PUSH_ENROLMENT, code);
        return code;
    }
}
