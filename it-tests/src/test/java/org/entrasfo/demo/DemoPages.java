package org.entrasfo.demo;

import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.entrasfo.entrasim.DemoPage;
import org.entrasfo.entrasim.EntraSimulator;
import org.entrasfo.entrasim.Html;
import org.entrasfo.it.keycloak.KeycloakAdmin;
import org.entrasfo.twiliosim.TwilioStandIn;

/**
 * The demo's pages next to the start page, standing in for the phone and the mailbox of the demo users, and for the
 * help desk operator: what the SMS factor sent through the Twilio stand-in, what the email factor sent to the mail
 * catcher, and a code issued through the product's real help desk API.
 */
final class DemoPages {

    static final String SMS_PATH = "/demo/sms";
    static final String MAIL_PATH = "/demo/mail";
    static final String HELPDESK_PATH = "/demo/helpdesk";

    private DemoPages() {
    }

    static void addTo(EntraSimulator microsoft, TwilioStandIn twilio, GreenMail mail, KeycloakAdmin admin, String realm) {
        microsoft.addDemoPage(SMS_PATH, (method, form) -> sms(twilio.messages()));
        microsoft.addDemoPage(MAIL_PATH, (method, form) -> mail(mail.getReceivedMessages()));
        microsoft.addDemoPage(HELPDESK_PATH, (method, form) -> helpdesk(method, admin, realm));
    }

    static String sms(List<TwilioStandIn.SentMessage> messages) {
        StringBuilder html = new StringBuilder("<h1>SMS messages</h1><p>What the SMS factor sent through the Twilio stand-in, "
                + "newest first (reload after 'Send code').</p>");
        if (messages.isEmpty()) {
            html.append("<p id=\"no-messages\">No message yet.</p>");
        }
        for (int i = messages.size() - 1; i >= 0; i--) {
            TwilioStandIn.SentMessage message = messages.get(i);
            html.append("<p class=\"message\">To <code>").append(Html.escape(message.to())).append("</code>: ")
                    .append(Html.escape(message.body())).append("</p>");
        }
        return html.toString();
    }

    static String mail(MimeMessage[] messages) throws Exception {
        StringBuilder html = new StringBuilder("<h1>Mail</h1><p>What the email factor sent to the mail catcher, newest first "
                + "(reload after 'Send code').</p>");
        if (messages.length == 0) {
            html.append("<p id=\"no-messages\">No message yet.</p>");
        }
        for (int i = messages.length - 1; i >= 0; i--) {
            MimeMessage message = messages[i];
            html.append("<section class=\"message\"><h2>").append(Html.escape(message.getSubject())).append("</h2><p>To <code>")
                    .append(Html.escape(String.valueOf(message.getAllRecipients()[0]))).append("</code></p><pre>")
                    .append(Html.escape(plainText(message))).append("</pre></section>");
        }
        return html.toString();
    }

    private static String plainText(MimeMessage message) throws Exception {
        if (message.getContent() instanceof Multipart parts) {
            for (int i = 0; i < parts.getCount(); i++) {
                BodyPart part = parts.getBodyPart(i);
                if (part.isMimeType("text/plain")) {
                    return String.valueOf(part.getContent());
                }
            }
        }
        return GreenMailUtil.getBody(message);
    }

    /** GET: the form; POST: a code for Dave from the product's help desk API, as an operator would issue it. */
    static String helpdesk(String method, KeycloakAdmin admin, String realm) {
        StringBuilder html = new StringBuilder("<h1>Help desk</h1><p>An operator who has checked who is calling issues a "
                + "one-time code, reads it out on the phone, and the user types it on the sign-in page.</p>");
        if ("POST".equals(method)) {
            KeycloakAdmin.Answer issued = admin.post("/" + realm + "/entra-sfo-helpdesk/codes", Map.of("username", "dave"));
            if (issued.status() / 100 == 2) {
                html.append("<p>Code for Dave: <b id=\"helpdesk-code\">").append(Html.escape(issued.body().path("code").asText()))
                        .append("</b>. Now sign in as Dave from the start page and type it.</p>");
            } else {
                html.append("<p>The help desk API refused: ").append(Html.escape(String.valueOf(issued.body()))).append("</p>");
            }
        }
        return html.append("<form method=\"post\"><button class=\"button\" id=\"issue\" type=\"submit\">Issue a code for Dave"
                + "</button></form>").toString();
    }
}
