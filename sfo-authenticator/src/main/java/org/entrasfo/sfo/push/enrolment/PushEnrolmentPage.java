package org.entrasfo.sfo.push.enrolment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Optional;

import jakarta.ws.rs.core.Response;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import org.entrasfo.factor.transaction.SigningInAs;
import org.keycloak.common.util.Time;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The enrolment page ({@code sfo-push-enrol.ftl}) of both the SFO flow and the required action: the QR code with the
 * app's link and token, the same enrolment as a typed code, and the wait for the device. What the page needs again on
 * a re-render stays in auth-session notes, on the server.
 */
public final class PushEnrolmentPage {

    static final String TEMPLATE = "sfo-push-enrol.ftl";
    private static final String NOTE = "entra-sfo.push.enrolment.";

    private PushEnrolmentPage() {
    }

    public static void start(KeycloakSession session, RealmModel realm, UserModel user, AuthenticationSessionModel authSession) {
        PushEnrolments.Started started = new PushEnrolments(session).start(realm, user);
        authSession.setAuthNote(NOTE + "id", started.id());
        authSession.setAuthNote(NOTE + "link", started.appUrl());
        authSession.setAuthNote(NOTE + "code", started.displayCode());
        authSession.setAuthNote(NOTE + "watch", started.watchSecret());
        authSession.setAuthNote(NOTE + "expires", Long.toString(started.expiresAt()));
    }

    public static boolean isEnrolling(AuthenticationSessionModel authSession) {
        return authSession.getAuthNote(NOTE + "id") != null;
    }

    public static boolean expired(AuthenticationSessionModel authSession) {
        String expires = authSession.getAuthNote(NOTE + "expires");
        return expires == null || Time.currentTime() >= Long.parseLong(expires);
    }

    public static Optional<String> enrolledDevice(KeycloakSession session, AuthenticationSessionModel authSession) {
        return new PushEnrolments(session).enrolledDevice(authSession.getAuthNote(NOTE + "id"));
    }

    public static void finish(AuthenticationSessionModel authSession) {
        for (String name : new String[] {"id", "link", "code", "watch", "expires"}) {
            authSession.removeAuthNote(NOTE + name);
        }
    }

    public static Response form(LoginFormsProvider form, AuthenticationSessionModel authSession, String message) {
        String link = authSession.getAuthNote(NOTE + "link");
        String realmUrl = link.substring(0, link.indexOf("/sfo-push/app/"));
        SigningInAs.addTo(form, authSession)
                .setAttribute("sfoPushEnrolLink", link)
                .setAttribute("sfoPushEnrolQrCode", qrCode(link))
                .setAttribute("sfoPushEnrolCode", authSession.getAuthNote(NOTE + "code"))
                .setAttribute("sfoPushAppUrl", realmUrl + "/sfo-push/app/")
                .setAttribute("sfoPushSecondsLeft", Math.max(0, Long.parseLong(authSession.getAuthNote(NOTE + "expires")) - Time.currentTime()))
                .setAttribute("sfoPushStatusUrl", realmUrl + "/sfo-push/browser/enrolments/" + authSession.getAuthNote(NOTE + "id")
                        + "?watch=" + authSession.getAuthNote(NOTE + "watch"));
        if (message != null) {
            form.setInfo(message);
        }
        return form.createForm(TEMPLATE);
    }

    private static String qrCode(String content) {
        try {
            BitMatrix matrix = new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 300, 300);
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            MatrixToImageWriter.writeToStream(matrix, "png", png);
            return Base64.getEncoder().encodeToString(png.toByteArray());
        } catch (WriterException | IOException e) {
            throw new IllegalStateException("QR code could not be drawn", e);
        }
    }
}
