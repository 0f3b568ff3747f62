package org.entrasfo.it.keycloak;

import java.util.List;

/** The server options the product needs (the same as deploy/conf/entra-sfo.conf), in command-line form. */
public final class ServerOptions {

    public static final List<String> REQUIRED = List.of(
            // Entra's state can be several KB; Keycloak drops standard parameters over 4000 characters silently.
            "--spi-login-protocol--openid-connect--req-params-default-max-size=16384",
            // Room for Entra's id_token_hint as a client note when a flow restarts after the first request.
            "--spi-login-protocol--openid-connect--add-req-params-max-size=8192",
            // The "Microsoft External Authentication" admin console page is a declarative UI page; SCIM provisioning
            // from Entra is Keycloak's SCIM server (a preview feature).
            "--features=declarative-ui,scim-api");

    private ServerOptions() {
    }
}
