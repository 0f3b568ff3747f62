package org.entrasfo.entrasim;

import java.util.List;

/** What the demo start page needs to play Entra for one tenant realm: its users, and the demo's other pages. */
public record DemoSettings(
        String authorizationEndpoint,
        String discoveryUrl,
        String clientId,
        String tenantId,
        String appId,
        List<DemoUser> users,
        List<DemoPage.Link> links) {

    /** One Entra user of the demo, and what signing in as them shows. */
    public record DemoUser(String key, String objectId, String subject, String preferredUsername, String displayName,
            String shows, String otpSecret) {
    }

    public DemoUser user(String key) {
        return users.stream().filter(u -> u.key().equals(key)).findFirst().orElse(null);
    }
}
