package org.entrasfo.entrasim;

import java.util.List;

/**
 * What the demo start page needs to play Entra for one tenant realm: its users, the demo's other pages, and the walk
 * through push approval in the same browser (the realm's push web app in another tab plays the phone).
 */
public record DemoSettings(
        String authorizationEndpoint,
        String discoveryUrl,
        String clientId,
        String tenantId,
        String appId,
        List<DemoUser> users,
        List<DemoPage.Link> links,
        PushInThisBrowser push) {

    /** The realm's push web app (the "phone" tab) and the steps to try push approval with it. */
    public record PushInThisBrowser(String appUrl, List<String> steps) {
    }

    /** One Entra user of the demo, and what signing in as them shows. */
    public record DemoUser(String key, String objectId, String subject, String preferredUsername, String displayName,
            String shows, String otpSecret) {
    }

    public DemoUser user(String key) {
        return users.stream().filter(u -> u.key().equals(key)).findFirst().orElse(null);
    }
}
