package org.entrasfo.it.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.entrasfo.it.keycloak.KeycloakProcess;

/**
 * Debian's PostgreSQL server, started for one test run in a temporary data directory on a free loopback port. As
 * root (CI), the server runs as the {@code postgres} user the Debian package creates, since PostgreSQL refuses root.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String DATABASE = "keycloak";
    public static final String USER = "postgres";

    private final Path bin;
    private final Path dataDir;
    private final int port;

    private PostgresServer(Path bin, Path dataDir, int port) {
        this.bin = bin;
        this.dataDir = dataDir;
        this.port = port;
    }

    public static PostgresServer start() throws IOException {
        Path bin = findBin();
        Path dataDir = Files.createTempDirectory("entra-sfo-pg");
        int port = KeycloakProcess.freePort();
        asServerUser(List.of("chown", "-R", "postgres:postgres", dataDir.toString()), true);
        PostgresServer server = new PostgresServer(bin, dataDir, port);
        server.run(List.of(bin.resolve("initdb").toString(), "-D", dataDir.resolve("db").toString(), "-U", USER,
                "-A", "trust", "-E", "UTF8", "--no-sync"));
        server.run(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.resolve("db").toString(), "-w", "-t", "60",
                "-l", dataDir.resolve("server.log").toString(), "-o",
                "-p " + port + " -c listen_addresses=127.0.0.1 -k " + dataDir + " -c fsync=off -c max_connections=200",
                "start"));
        server.run(List.of(bin.resolve("createdb").toString(), "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", USER, DATABASE));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        return server;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    private void run(List<String> command) throws IOException {
        asServerUser(command, false);
    }

    private static void asServerUser(List<String> command, boolean onlyAsRoot) throws IOException {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (onlyAsRoot && !root) {
            return;
        }
        List<String> full = new ArrayList<>();
        if (root && !onlyAsRoot) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** The newest server of Debian's postgresql package. */
    private static Path findBin() throws IOException {
        Path versions = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(versions)) {
            try (Stream<Path> list = Files.list(versions)) {
                var found = list.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                        .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))));
                if (found.isPresent()) {
                    return found.get();
                }
            }
        }
        throw new IOException("PostgreSQL server not found under /usr/lib/postgresql: apt-get install -y postgresql");
    }

    @Override
    public void close() {
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.resolve("db").toString(), "-m", "immediate", "-w", "stop"));
        } catch (IOException e) {
            // already stopped
        }
    }
}
