package org.entrasfo.it.theme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * English and German are complete for every page, email and SMS text of ours: both bundles hold the same keys, none
 * empty, and every key our templates and our Java name literally is in both. Fails the build when a text is added in
 * one language only.
 */
class MessageBundlesTest {

    private static final Path PROJECT = Path.of("..");
    private static final Path MESSAGES = PROJECT.resolve("admin-theme/src/main/resources/theme-resources/messages");
    private static final Pattern TEMPLATE_KEY = Pattern.compile("msg\\(\\s*\"(sfo[A-Za-z0-9_]+)\"");
    private static final Pattern JAVA_KEY = Pattern.compile(
            "(?:set(?:Error|Info|Success)|getProperty|userMessage|explainThenPost\\([^,]+,)\\s*\\(?\\s*\"(sfo[A-Z][A-Za-z0-9_]+)\"");

    private static Properties bundle(String language) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(MESSAGES.resolve("messages_" + language + ".properties"), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    @Test
    void englishAndGermanHoldTheSameKeysAndNoneIsEmpty() throws IOException {
        Properties english = bundle("en");
        Properties german = bundle("de");

        assertThat(missing(english.stringPropertyNames(), german)).as("keys in English only").isEmpty();
        assertThat(missing(german.stringPropertyNames(), english)).as("keys in German only").isEmpty();
        assertThat(english.stringPropertyNames().stream().filter(key -> english.getProperty(key).isBlank()
                || german.getProperty(key, "").isBlank()).toList()).as("empty texts").isEmpty();
    }

    @Test
    void everyKeyOurTemplatesAndCodeNameIsInBothLanguages() throws IOException {
        Set<String> named = new TreeSet<>();
        collect(PROJECT.resolve("admin-theme/src/main/resources"), ".ftl", TEMPLATE_KEY, named);
        for (String module : new String[] {"sfo-authenticator", "factor-contract", "entra-hint-broker"}) {
            collect(PROJECT.resolve(module).resolve("src/main/java"), ".java", JAVA_KEY, named);
        }
        Properties english = bundle("en");
        Properties german = bundle("de");

        assertThat(named).as("keys found").hasSizeGreaterThan(30);
        assertThat(missing(named, english)).as("missing in English").isEmpty();
        assertThat(missing(named, german)).as("missing in German").isEmpty();
    }

    /** A key ending in '_' is a prefix completed at run time ({@code "sfoCodeSentTo_" + sfoFactor}): some key must complete it. */
    private static Set<String> missing(Set<String> keys, Properties bundle) {
        Set<String> missing = new TreeSet<>(keys);
        missing.removeIf(key -> key.endsWith("_")
                ? bundle.stringPropertyNames().stream().anyMatch(known -> known.startsWith(key))
                : bundle.containsKey(key));
        return missing;
    }

    private static void collect(Path root, String suffix, Pattern pattern, Set<String> keys) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(suffix)).toList()) {
                Matcher matcher = pattern.matcher(Files.readString(file));
                while (matcher.find()) {
                    keys.add(matcher.group(1));
                }
            }
        }
    }
}
