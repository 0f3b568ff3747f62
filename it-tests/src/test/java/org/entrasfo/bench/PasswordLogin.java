package org.entrasfo.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.entrasfo.entrasim.FormPost;
import org.entrasfo.entrasim.OneTimePasswords;
import org.entrasfo.it.support.Browser;
import org.entrasfo.it.support.EntraRoundTrip;

/** Keycloak's stock browser login (password, and OTP when asked), ending in a form_post id_token. */
final class PasswordLogin implements Scenario {

    private static final String PASSWORD_FORM = "form:has(input[name=password])";
    private static final String OTP_FORM = "form:has(input[name=otp])";

    private final StockRealm realm;
    private final boolean withOtp;
    private final List<Worker> workers = new ArrayList<>();

    private record Worker(String username, String otpSecret, AtomicLong counter) {
    }

    PasswordLogin(StockRealm realm, boolean withOtp) {
        this.realm = realm;
        this.withOtp = withOtp;
    }

    @Override
    public String name() {
        return withOtp ? "stock browser login, password + OTP" : "stock browser login, password";
    }

    @Override
    public synchronized Operation worker(int index) {
        while (workers.size() <= index) {
            String secret = withOtp ? UUID.randomUUID().toString().replace("-", "").substring(0, 20) : null;
            workers.add(new Worker(realm.newUser(secret), secret, new AtomicLong()));
        }
        Worker worker = workers.get(index);
        Browser browser = EntraRoundTrip.newBrowser();
        return () -> {
            browser.forgetCookies();
            Browser.Page page = browser.get(authorizationRequest());
            page = browser.submit(page, PASSWORD_FORM, Map.of("username", worker.username(), "password", StockRealm.PASSWORD));
            if (withOtp) {
                page = browser.submit(page, OTP_FORM, Map.of("otp", OneTimePasswords.hotp(worker.otpSecret(), worker.counter().getAndIncrement())));
            }
            FormPost answer = EntraRoundTrip.answerOf(page);
            if (!answer.fields().containsKey("id_token")) {
                throw new IllegalStateException("no id_token: " + answer.fields().get("error"));
            }
            return Sample.NONE;
        };
    }

    private URI authorizationRequest() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", StockRealm.BROWSER_CLIENT);
        query.put("response_type", "id_token");
        query.put("response_mode", "form_post");
        query.put("scope", "openid");
        query.put("redirect_uri", realm.redirectUri());
        query.put("nonce", UUID.randomUUID().toString());
        query.put("state", UUID.randomUUID().toString());
        return URI.create(realm.keycloak().authorizationEndpoint(realm.name()) + "?" + query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")));
    }
}
