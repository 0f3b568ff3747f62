package org.entrasfo.sfo.push.endpoint;

import jakarta.ws.rs.Path;
import org.entrasfo.sfo.push.PushServiceSettings;
import org.entrasfo.sfo.push.app.AppEndpoints;
import org.entrasfo.sfo.push.browser.BrowserEndpoints;
import org.entrasfo.sfo.push.device.DeviceEndpoints;
import org.entrasfo.sfo.push.webpush.VapidKeys;
import org.keycloak.models.KeycloakSession;

/**
 * The push protocol's endpoints ({@code docs/push-approval-protocol.md}) under {@code /realms/{realm}/sfo-push} of a
 * tenant realm, one resource per audience: the web app's files, the device's signed requests, the browser's wait
 * channel. The factory let the request through its gates before any of these is made.
 */
public class PushEndpoints {

    private final KeycloakSession session;
    private final VapidKeys vapidKeys;
    private final PushServiceSettings settings;

    PushEndpoints(KeycloakSession session, VapidKeys vapidKeys, PushServiceSettings settings) {
        this.session = session;
        this.vapidKeys = vapidKeys;
        this.settings = settings;
    }

    @Path("app")
    public AppEndpoints app() {
        return new AppEndpoints(session);
    }

    @Path("device")
    public DeviceEndpoints device() {
        return new DeviceEndpoints(session, vapidKeys, settings.allowList());
    }

    @Path("browser")
    public BrowserEndpoints browser() {
        return new BrowserEndpoints(session);
    }
}
