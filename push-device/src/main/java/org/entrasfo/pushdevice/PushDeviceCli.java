package org.entrasfo.pushdevice;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The reference device on the command line, for admins who want to see the protocol work and for load tests:
 * <pre>
 * enrol &lt;qr-link | token&gt; --state FILE [--name NAME]     (or: enrol --code CODE --realm-url URL --state FILE)
 * wait --state FILE [--approve-number N | --deny | --interactive] [--timeout SECONDS]
 * approve --state FILE --challenge ID --number N
 * deny --state FILE --challenge ID [--reason declined|not_requested]
 * global: --truststore FILE.p12 [--truststore-password PASSWORD]
 * </pre>
 * The state file holds the device's private key, kept readable by its owner only. Run it as
 * {@code java -jar push-device/target/entra-sfo-push-device-<version>-cli.jar <command> ...} (README, "Push approval").
 */
public final class PushDeviceCli {

    static final int OK = 0;
    static final int REFUSED = 1;
    static final int USAGE = 2;

    private final PrintStream out;
    private final BufferedReader in;

    PushDeviceCli(PrintStream out, InputStream in) {
        this.out = out;
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    public static void main(String[] args) {
        System.exit(new PushDeviceCli(System.out, System.in).run(args));
    }

    int run(String[] args) {
        if (args.length == 0) {
            return usage("no command");
        }
        if ("--help".equals(args[0]) || "-h".equals(args[0])) {
            return usage(null);
        }
        Map<String, String> options = new HashMap<>();
        String positional = null;
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
                options.put(args[i].substring(2), flag ? "true" : args[++i]);
            } else if (positional == null) {
                positional = args[i];
            } else {
                return usage("unexpected argument " + args[i]);
            }
        }
        if (!options.containsKey("state")) {
            return usage("--state FILE is required");
        }
        try {
            HttpClient http = httpClient(options);
            Path state = Path.of(options.get("state"));
            return switch (args[0]) {
                case "enrol" -> enrol(http, state, positional, options);
                case "wait" -> waitForRequests(PushDevice.load(state, http), options);
                case "approve" -> answer(PushDevice.load(state, http), options, true);
                case "deny" -> answer(PushDevice.load(state, http), options, false);
                default -> usage("unknown command " + args[0]);
            };
        } catch (NumberFormatException e) {
            return usage("not a number: " + e.getMessage());
        } catch (RuntimeException e) {
            out.println("error: " + e.getMessage());
            return REFUSED;
        }
    }

    private int enrol(HttpClient http, Path state, String link, Map<String, String> options) {
        PushDevice device = PushDevice.generate(options.getOrDefault("name", "Reference device client"), http);
        PushDevice.Answer answer;
        if (options.containsKey("code")) {
            if (!options.containsKey("realm-url")) {
                return usage("--code needs --realm-url");
            }
            answer = device.enrolWithCode(options.get("realm-url"), options.get("code"), null);
        } else if (link != null) {
            answer = device.tryEnrol(link, null);
        } else {
            return usage("enrol needs the QR code's link, a token, or --code");
        }
        if (!answer.ok()) {
            out.println("refused: HTTP " + answer.status() + " " + answer.body().path("error_description").asText(answer.body().toString()));
            return REFUSED;
        }
        device.save(state);
        out.println("enrolled '" + device.deviceName() + "' as credential " + device.credentialId() + " of user "
                + answer.body().path("username").asText() + " in " + device.realmUrl() + " (poll mode)");
        out.println("device key thumbprint: " + device.fingerprint());
        return OK;
    }

    private int waitForRequests(PushDevice device, Map<String, String> options) {
        Instant deadline = Instant.now().plusSeconds(Long.parseLong(options.getOrDefault("timeout", "120")));
        while (Instant.now().isBefore(deadline)) {
            List<PushDevice.PendingChallenge> pending = device.poll();
            if (!pending.isEmpty()) {
                String challenge = pending.get(0).challenge();
                PushDevice.ChallengeContext context = device.context(challenge);
                out.println("sign-in request to " + context.application() + " (" + context.body().path("organization").asText() + ")"
                        + " from " + context.body().path("client_ip").asText("an unknown network")
                        + " at " + Instant.ofEpochSecond(context.body().path("created_at").asLong()));
                out.println(context.numberMatching().equals("choose")
                        ? "choose the number your browser shows: " + context.choices() : "type the number your browser shows");
                return decide(device, challenge, options);
            }
            sleep(Duration.ofSeconds(2));
        }
        out.println("no sign-in request within the timeout");
        return REFUSED;
    }

    private int decide(PushDevice device, String challenge, Map<String, String> options) {
        PushDevice.Answer answer;
        if (options.containsKey("approve-number")) {
            answer = device.approve(challenge, Integer.parseInt(options.get("approve-number")));
        } else if (options.containsKey("deny")) {
            answer = device.deny(challenge, "declined");
        } else {
            out.print("number, d (deny) or r (I did not request this): ");
            out.flush();
            String line = readLine().trim();
            answer = switch (line) {
                case "d" -> device.deny(challenge, "declined");
                case "r" -> device.deny(challenge, "not_requested");
                default -> device.approve(challenge, Integer.parseInt(line));
            };
        }
        return report(answer);
    }

    private int answer(PushDevice device, Map<String, String> options, boolean approve) {
        String challenge = options.get("challenge");
        if (challenge == null || approve && !options.containsKey("number")) {
            return usage(approve ? "approve needs --challenge and --number" : "deny needs --challenge");
        }
        return report(approve ? device.approve(challenge, Integer.parseInt(options.get("number")))
                : device.deny(challenge, options.getOrDefault("reason", "declined")));
    }

    private int report(PushDevice.Answer answer) {
        if (answer.ok()) {
            out.println("result: " + answer.body().path("result").asText());
            return "approved".equals(answer.body().path("result").asText()) ? OK : REFUSED;
        }
        out.println("refused: HTTP " + answer.status() + " " + answer.body().path("error").asText() + ": "
                + answer.body().path("error_description").asText());
        return REFUSED;
    }

    private static HttpClient httpClient(Map<String, String> options) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (options.containsKey("truststore")) {
            try (InputStream store = Files.newInputStream(Path.of(options.get("truststore")))) {
                KeyStore trust = KeyStore.getInstance("PKCS12");
                trust.load(store, options.getOrDefault("truststore-password", "").toCharArray());
                TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init(trust);
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, factory.getTrustManagers(), null);
                builder.sslContext(context);
            } catch (Exception e) {
                throw new IllegalArgumentException("cannot read the trust store: " + e.getMessage(), e);
            }
        }
        return builder.build();
    }

    private String readLine() {
        try {
            String line = in.readLine();
            return line == null ? "" : line;
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private int usage(String problem) {
        if (problem != null) {
            out.println("error: " + problem);
        }
        out.println("""
                usage: PushDeviceCli <command> [options]
                  enrol <qr-link | token> --state FILE [--name NAME]
                  enrol --code CODE --realm-url URL --state FILE [--name NAME]
                  wait --state FILE [--approve-number N | --deny | --interactive] [--timeout SECONDS]
                  approve --state FILE --challenge ID --number N
                  deny --state FILE --challenge ID [--reason declined|not_requested]
                options for every command: --truststore FILE.p12 [--truststore-password PASSWORD]""");
        return problem == null ? OK : USAGE;
    }
}
