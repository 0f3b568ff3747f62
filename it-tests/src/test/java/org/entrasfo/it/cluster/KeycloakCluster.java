package org.entrasfo.it.cluster;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.entrasfo.it.keycloak.KeycloakEndpoint;
import org.entrasfo.it.keycloak.KeycloakProcess;
import org.entrasfo.it.keycloak.SelfSignedTls;

/**
 * Two Keycloak nodes of the real distribution forming one cluster (embedded Infinispan, JDBC_PING discovery) on one
 * PostgreSQL database, behind a load balancer whose URL is the public hostname and issuer. Each node runs from its
 * own copy of the distribution, as on two machines.
 */
public final class KeycloakCluster implements KeycloakEndpoint, AutoCloseable {

    private final PostgresServer database;
    private final TcpLoadBalancer loadBalancer;
    private final SelfSignedTls tls;
    private final String adminPassword;
    private final List<KeycloakProcess> nodes;

    private KeycloakCluster(PostgresServer database, TcpLoadBalancer loadBalancer, SelfSignedTls tls, String adminPassword,
                            List<KeycloakProcess> nodes) {
        this.database = database;
        this.loadBalancer = loadBalancer;
        this.tls = tls;
        this.adminPassword = adminPassword;
        this.nodes = nodes;
    }

    public static KeycloakCluster start(Path distribution, Path providersBundle, Path workDir, List<String> extraOptions) throws IOException {
        PostgresServer database = PostgresServer.start();
        Path nodeA = copy(distribution, workDir.resolve("node-a"));
        SelfSignedTls tls = SelfSignedTls.create(workDir.resolve("cluster-tls.p12"));
        int portA = KeycloakProcess.freePort();
        int portB = KeycloakProcess.freePort();
        TcpLoadBalancer loadBalancer = new TcpLoadBalancer(KeycloakProcess.freePort(), List.of(portA, portB));
        String publicUrl = "https://localhost:" + loadBalancer.port();
        String adminPassword = KeycloakProcess.randomPassword();
        List<KeycloakProcess> nodes = new ArrayList<>();
        try {
            nodes.add(KeycloakProcess.startClusterNode(nodeA, providersBundle, tls, portA, publicUrl, adminPassword,
                    nodeOptions(database, extraOptions)));
            // Node A's start built its distribution for the cluster's options; a copy of it starts without building again
            // (a build costs about a minute of both cores). The nodes start one after the other so B joins A's cluster.
            Path nodeB = copy(nodeA, workDir.resolve("node-b"));
            nodes.add(KeycloakProcess.startClusterNode(nodeB, providersBundle, tls, portB, publicUrl, adminPassword,
                    nodeOptions(database, extraOptions)));
        } catch (IOException | RuntimeException e) {
            nodes.forEach(KeycloakProcess::close);
            loadBalancer.close();
            database.close();
            throw e;
        }
        return new KeycloakCluster(database, loadBalancer, tls, adminPassword, nodes);
    }

    private static List<String> nodeOptions(PostgresServer database, List<String> extraOptions) throws IOException {
        List<String> options = new ArrayList<>(List.of(
                "--db=postgres", "--db-url=" + database.jdbcUrl(), "--db-username=" + PostgresServer.USER, "--db-password=unused",
                "--cache=ispn", "--cache-stack=jdbc-ping",
                "--cache-embedded-network-bind-address=127.0.0.1",
                "--cache-embedded-network-bind-port=" + KeycloakProcess.freePort()));
        options.addAll(extraOptions);
        return options;
    }

    /**
     * A node's own copy of a distribution, without its data and log; built files are kept, so a copy of a built node and
     * a later run's node start without building.
     */
    private static Path copy(Path distribution, Path target) throws IOException {
        if (Files.exists(target.resolve("bin/kc.sh"))) {
            return target;
        }
        try (Stream<Path> walk = Files.walk(distribution)) {
            for (Path source : walk.filter(p -> !p.startsWith(distribution.resolve("data"))
                    && !p.equals(distribution.resolve("keycloak-console.log"))).toList()) {
                Path destination = target.resolve(distribution.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(source, destination, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return target;
    }

    public KeycloakProcess node(int index) {
        return nodes.get(index);
    }

    /** The next requests reach this node (0 or 1) through the load balancer. */
    public void routeTo(int index) {
        loadBalancer.routeTo(index);
    }

    @Override
    public String baseUrl() {
        return "https://localhost:" + loadBalancer.port();
    }

    @Override
    public HttpClient.Builder httpClientBuilder() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).sslContext(tls.sslContext());
    }

    @Override
    public String adminPassword() {
        return adminPassword;
    }

    @Override
    public void close() {
        nodes.forEach(KeycloakProcess::close);
        loadBalancer.close();
        database.close();
    }

}
