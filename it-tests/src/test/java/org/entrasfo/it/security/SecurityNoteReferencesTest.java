package org.entrasfo.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The security note and the suite's figures name the tests that prove each mitigation. A renamed test would leave
 * an attack documented as proved by nothing, and silently drop it from the figures; this fails the build instead.
 */
class SecurityNoteReferencesTest {

    private static final Path PROJECT = Path.of("..");
    /** {@code `ClassName#method`}, or {@code `#method`} for the class named last in the same table row. */
    private static final Pattern REFERENCE = Pattern.compile("`([A-Z][A-Za-z0-9]*)?#([a-zA-Z0-9_]+)`");

    @Test
    void everyTestTheSecurityNoteNamesExists() throws IOException {
        Map<String, List<Path>> testSources = testSources();
        List<String> dangling = new ArrayList<>();
        for (String row : Files.readAllLines(PROJECT.resolve("SECURITY.md"))) {
            String type = null;
            Matcher reference = REFERENCE.matcher(row);
            while (reference.find()) {
                type = reference.group(1) != null ? reference.group(1) : type;
                if (type == null || !declaresTest(testSources.getOrDefault(type, List.of()), reference.group(2))) {
                    dangling.add(type + "#" + reference.group(2));
                }
            }
        }
        assertThat(dangling).as("tests SECURITY.md names that no test source declares").isEmpty();
    }

    @Test
    void everyAttackTheFiguresCountOutsideTheSuiteExists() {
        assertThat(AttackCatalogue.missingReferences()).as("attack tests the figures count that no longer exist").isEmpty();
    }

    private static boolean declaresTest(List<Path> sources, String method) throws IOException {
        Pattern declaration = Pattern.compile("void " + method + "\\(");
        for (Path source : sources) {
            if (declaration.matcher(Files.readString(source)).find()) {
                return true;
            }
        }
        return false;
    }

    /** Every test source of every module, by simple class name. */
    private static Map<String, List<Path>> testSources() throws IOException {
        try (Stream<Path> files = Files.walk(PROJECT)) {
            return files.filter(file -> file.toString().replace('\\', '/').contains("/src/test/java/"))
                    .filter(file -> file.getFileName().toString().endsWith(".java"))
                    .collect(Collectors.groupingBy(file -> file.getFileName().toString().replace(".java", "")));
        }
    }
}
