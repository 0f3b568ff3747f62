package org.entrasfo.bench;

import java.util.ArrayList;
import java.util.List;

import org.entrasfo.entrasim.AuthorizationRequest;
import org.entrasfo.entrasim.FormPost;
import org.entrasfo.it.support.Browser;
import org.entrasfo.it.support.EntraRoundTrip;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.TenantRealm;

/**
 * The product's SFO round trip as Entra and the browser make it: Entra's form POST with a freshly signed hint, the OTP
 * page, the code, the form_post id_token. Counter-based tokens give every round trip a fresh code.
 */
final class SfoRoundTrip implements Scenario {

    private final TenantRealm realm;
    private final List<EntraUser> users = new ArrayList<>();

    SfoRoundTrip(TenantRealm realm) {
        this.realm = realm;
    }

    @Override
    public String name() {
        return "SFO round trip (hint, OTP page, code, id_token)";
    }

    @Override
    public synchronized Operation worker(int index) {
        while (users.size() <= index) {
            users.add(realm.newUser(true));
        }
        EntraUser user = users.get(index);
        Browser browser = EntraRoundTrip.newBrowser();
        return () -> {
            browser.forgetCookies();
            AuthorizationRequest request = realm.requestWith(realm.hintFor(user).sign());
            FormPost answer = EntraRoundTrip.answerOf(EntraRoundTrip.submitCode(browser, EntraRoundTrip.send(browser, realm, request),
                    user.nextCode()));
            if (!answer.fields().containsKey("id_token")) {
                throw new IllegalStateException("no id_token: " + answer.fields().get("error"));
            }
            return () -> EntraRoundTrip.validate(answer, realm, request, user.subject()).valid();
        };
    }
}
