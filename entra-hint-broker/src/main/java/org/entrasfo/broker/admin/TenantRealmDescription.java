package org.entrasfo.broker.admin;

/** What the admin copies into Entra after saving a profile (contract 5), plus what was done. */
public record TenantRealmDescription(
        String realm,
        String clientId,
        String appId,
        String discoveryUrl,
        String redirectUri,
        String flowAlias,
        boolean realmCreated) {
}
