package org.entrasfo.it.secrets;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Looks for many secrets in large texts (a server log, an event store): codes as whole numbers (not inside longer
 * numbers or identifiers such as UUIDs, where six digits in a row are common), everything else
 * case-insensitively as text, the long ones (hints, seeds, keys: thousands of them) in one pass by a rolling hash of
 * their first {@value #WINDOW} characters. Reports where a secret was found, never the secret.
 */
public final class LeakScanner {

    private static final int WINDOW = 16;
    private static final long BASE = 1_000_003L;
    private static final Pattern NUMBER = Pattern.compile("(?<![0-9A-Za-z])[0-9]{6,}(?![0-9A-Za-z])|(?<![0-9A-Za-z])[0-9]{4} [0-9]{4}(?![0-9A-Za-z])");

    /** One secret found in one place: the source (a file, a realm's events), the line there, the kind and a masked value. */
    public record Leak(String source, int line, RunSecrets.Kind kind, String masked) {
        @Override
        public String toString() {
            return source + ":" + line + " " + kind + " " + masked;
        }
    }

    private final Map<String, List<RunSecrets.Secret>> codes = new HashMap<>();
    private final Map<Long, List<RunSecrets.Secret>> byPrefixHash = new HashMap<>();
    private final List<RunSecrets.Secret> shortTexts = new ArrayList<>();
    private final long highestPower;

    public LeakScanner(Collection<RunSecrets.Secret> secrets) {
        long power = 1;
        for (int i = 1; i < WINDOW; i++) {
            power *= BASE;
        }
        highestPower = power;
        for (RunSecrets.Secret secret : secrets) {
            if (secret.digits()) {
                codes.computeIfAbsent(secret.value(), k -> new ArrayList<>()).add(secret);
            } else if (secret.value().length() >= WINDOW) {
                byPrefixHash.computeIfAbsent(hash(secret.value().toLowerCase(Locale.ROOT), 0), k -> new ArrayList<>()).add(secret);
            } else {
                shortTexts.add(secret);
            }
        }
    }

    /** Every secret found in the text, at most once per secret and source. */
    public List<Leak> scan(String source, String text) {
        List<Leak> leaks = new ArrayList<>();
        Set<RunSecrets.Secret> seen = new HashSet<>();
        Matcher numbers = NUMBER.matcher(text);
        while (numbers.find()) {
            for (RunSecrets.Secret secret : codes.getOrDefault(numbers.group().replace(" ", ""), List.of())) {
                if (seen.add(secret)) {
                    leaks.add(new Leak(source, lineOf(text, numbers.start()), secret.kind(), secret.masked()));
                }
            }
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (RunSecrets.Secret secret : shortTexts) {
            int at = lower.indexOf(secret.value().toLowerCase(Locale.ROOT));
            if (at >= 0 && seen.add(secret)) {
                leaks.add(new Leak(source, lineOf(text, at), secret.kind(), secret.masked()));
            }
        }
        if (lower.length() < WINDOW || byPrefixHash.isEmpty()) {
            return leaks;
        }
        long rolling = hash(lower, 0);
        for (int start = 0; ; start++) {
            List<RunSecrets.Secret> candidates = byPrefixHash.get(rolling);
            if (candidates != null) {
                for (RunSecrets.Secret secret : candidates) {
                    if (!seen.contains(secret) && lower.startsWith(secret.value().toLowerCase(Locale.ROOT), start)) {
                        seen.add(secret);
                        leaks.add(new Leak(source, lineOf(text, start), secret.kind(), secret.masked()));
                    }
                }
            }
            if (start + WINDOW >= lower.length()) {
                return leaks;
            }
            rolling = (rolling - lower.charAt(start) * highestPower) * BASE + lower.charAt(start + WINDOW);
        }
    }

    private static long hash(String text, int from) {
        long hash = 0;
        for (int i = from; i < from + WINDOW; i++) {
            hash = hash * BASE + text.charAt(i);
        }
        return hash;
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = text.lastIndexOf('\n', offset); i >= 0; i = text.lastIndexOf('\n', i - 1)) {
            line++;
        }
        return line;
    }
}
