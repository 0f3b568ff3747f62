package org.entrasfo.sfo.push.challenge;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.entrasfo.sfo.push.NumberMatching;

/**
 * One sign-in waiting for the user's device, as the single-use store keeps it: whom it is for, which auth session and
 * Entra transaction it belongs to, what the device may show (no more than the application, the tenant, a coarse
 * address and the time) and the number the browser shows. {@code watchSecret} lets only the page that made it follow it.
 */
public record PushChallenge(String id, String realmId, String userId, String rootAuthSessionId, String tabId,
                            String clientId, String clientRequestId, String application, String organization, String tenant,
                            String clientIp, int number, List<Integer> choices, NumberMatching matching,
                            String watchSecret, long createdAt, long expiresAt) {

    public boolean isExpired(long nowSeconds) {
        return nowSeconds >= expiresAt;
    }

    public boolean belongsTo(String rootAuthSession, String tab) {
        return rootAuthSessionId.equals(rootAuthSession) && tabId.equals(tab);
    }

    Map<String, String> toNotes() {
        Map<String, String> notes = new HashMap<>();
        notes.put("realm", realmId);
        notes.put("user", userId);
        notes.put("root", rootAuthSessionId);
        notes.put("tab", tabId);
        putIfPresent(notes, "client", clientId);
        putIfPresent(notes, "crid", clientRequestId);
        putIfPresent(notes, "app", application);
        putIfPresent(notes, "org", organization);
        putIfPresent(notes, "tenant", tenant);
        putIfPresent(notes, "ip", clientIp);
        notes.put("number", Integer.toString(number));
        notes.put("choices", choices.stream().map(String::valueOf).collect(Collectors.joining(",")));
        notes.put("matching", matching.name());
        notes.put("watch", watchSecret);
        notes.put("created", Long.toString(createdAt));
        notes.put("expires", Long.toString(expiresAt));
        return notes;
    }

    static PushChallenge fromNotes(String id, Map<String, String> notes) {
        return new PushChallenge(id, notes.get("realm"), notes.get("user"), notes.get("root"), notes.get("tab"),
                notes.get("client"), notes.get("crid"), notes.get("app"), notes.get("org"), notes.get("tenant"), notes.get("ip"),
                Integer.parseInt(notes.get("number")),
                Arrays.stream(notes.get("choices").split(",")).map(Integer::valueOf).toList(),
                NumberMatching.valueOf(notes.get("matching")), notes.get("watch"),
                Long.parseLong(notes.get("created")), Long.parseLong(notes.get("expires")));
    }

    private static void putIfPresent(Map<String, String> notes, String key, String value) {
        if (value != null && !value.isBlank()) {
            notes.put(key, value);
        }
    }
}
