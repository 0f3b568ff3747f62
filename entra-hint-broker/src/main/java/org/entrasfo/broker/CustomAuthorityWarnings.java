package org.entrasfo.broker;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.entrasfo.broker.hint.EntraAuthority;
import org.jboss.logging.Logger;
import org.keycloak.models.RealmModel;

/**
 * A realm trusting something other than Microsoft's pinned hosts is legitimate for tests and private clouds, but
 * never silent: it is logged at start-up and when a realm first uses it. The set only de-duplicates log lines.
 */
final class CustomAuthorityWarnings {

    private static final Logger LOG = Logger.getLogger(CustomAuthorityWarnings.class);

    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    void warnOnce(RealmModel realm, EntraAuthority authority) {
        if (warned.add(realm.getId() + " " + authority.issuerBaseUrl() + " " + authority.jwksUrl())) {
            LOG.warnf("Realm %s trusts a custom Entra authority instead of Microsoft's pinned hosts: issuer base %s, JWKS %s",
                    realm.getName(), authority.issuerBaseUrl(), authority.jwksUrl());
        }
    }
}
