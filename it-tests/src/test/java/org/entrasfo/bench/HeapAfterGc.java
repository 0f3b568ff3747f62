package org.entrasfo.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keycloak's heap in use right after a full collection, as {@code jcmd <pid> GC.run} then {@code GC.heap_info} report it:
 * what stays alive per tenant realm, not what the last requests left behind.
 */
final class HeapAfterGc {

    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private HeapAfterGc() {
    }

    /** Kilobytes in use after a forced full GC, or -1 if the JVM under {@code server} (kc.sh starts it) has no answer. */
    static long kilobytes(ProcessHandle server) throws IOException, InterruptedException {
        Optional<ProcessHandle> jvm = java(server);
        if (jvm.isEmpty()) {
            return -1;
        }
        String pid = Long.toString(jvm.get().pid());
        jcmd(pid, "GC.run");
        Matcher used = USED.matcher(jcmd(pid, "GC.heap_info"));
        return used.find() ? Long.parseLong(used.group(1)) : -1;
    }

    private static Optional<ProcessHandle> java(ProcessHandle server) {
        List<ProcessHandle> candidates = new java.util.ArrayList<>(server.descendants().toList());
        candidates.add(0, server);
        return candidates.stream().filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false)).findFirst();
    }

    private static String jcmd(String pid, String command) throws IOException, InterruptedException {
        String jcmd = Optional.ofNullable(System.getProperty("java.home")).map(home -> home + "/bin/jcmd").orElse("jcmd");
        Process process = new ProcessBuilder(jcmd, pid, command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return out;
    }
}
