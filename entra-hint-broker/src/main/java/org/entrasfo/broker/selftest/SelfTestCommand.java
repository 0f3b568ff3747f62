package org.entrasfo.broker.selftest;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

/**
 * The self-test from a shell, with only the providers bundle on the class path:
 * <pre>java -cp entra-sfo-keycloak-&lt;version&gt;.jar org.entrasfo.broker.selftest.SelfTestCommand \
 *     https://mfa.example.org/realms/contoso/.well-known/openid-configuration &lt;client-id&gt; [&lt;redirect-uri&gt;]</pre>
 * Exit status 0 when nothing failed, 1 otherwise.
 */
public final class SelfTestCommand {

    static final String GLOBAL_REDIRECT_URI = "https://login.microsoftonline.com/common/federation/externalauthprovider";

    private SelfTestCommand() {
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: SelfTestCommand <discovery-url> <client-id> [<redirect-uri>]");
            System.exit(2);
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<Finding> findings = new EntraReadinessCheck(http).run(args[0], args[1], args.length > 2 ? args[2] : GLOBAL_REDIRECT_URI);
        System.out.print(report(findings));
        System.exit(findings.stream().anyMatch(f -> f.status() == Finding.Status.FAILED) ? 1 : 0);
    }

    public static String report(List<Finding> findings) {
        StringBuilder out = new StringBuilder();
        for (Finding finding : findings) {
            out.append(String.format("%-8s %-26s %s%n", finding.status(), finding.rule(), finding.detail()));
            if (finding.fix() != null && finding.status() != Finding.Status.PASSED) {
                out.append(String.format("%-8s %-26s fix: %s%n", "", "", finding.fix()));
            }
        }
        return out.toString();
    }
}
