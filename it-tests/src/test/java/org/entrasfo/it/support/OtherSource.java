package org.entrasfo.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

import org.entrasfo.it.keycloak.KeycloakEndpoint;

/**
 * HTTPS requests to the Keycloak under test from a loopback address of their own (127.x.y.z, never 127.0.0.1), so
 * Keycloak sees a source address no other test uses: a second client on the network, as far as a per-source limit
 * can tell. Connections are kept alive, so hundreds of requests take a moment.
 */
public final class OtherSource {

    public record Answer(int status, String retryAfter, String body) {
    }

    private final SSLSocketFactory sockets;
    private final String address;

    private OtherSource(SSLSocketFactory sockets, String address) {
        this.sockets = sockets;
        this.address = address;
    }

    /** A fresh source: Linux answers on every address of 127.0.0.0/8. */
    public static OtherSource random(KeycloakEndpoint keycloak) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String address = "127." + random.nextInt(1, 255) + "." + random.nextInt(0, 256) + "." + random.nextInt(1, 255);
        try {
            InetAddress source = InetAddress.getByName(address);
            return new OtherSource(new BoundSockets(keycloak.httpClientBuilder().build().sslContext().getSocketFactory(), source), address);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String address() {
        return address;
    }

    public Answer get(String url) {
        return send("GET", url, null, null);
    }

    public Answer post(String url, String contentType, String body) {
        return send("POST", url, contentType, body);
    }

    private Answer send(String method, String url, String contentType, String body) {
        try {
            HttpsURLConnection connection = (HttpsURLConnection) new URL(url).openConnection();
            connection.setSSLSocketFactory(sockets);
            connection.setRequestMethod(method);
            connection.setRequestProperty("Accept", "application/json");
            connection.setConnectTimeout(10_000);
            connection.setReadTimeout(30_000);
            if (body != null) {
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", contentType);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body.getBytes(StandardCharsets.UTF_8));
                }
            }
            int status = connection.getResponseCode();
            // Read to the end, so the connection goes back to the keep-alive pool.
            InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (in != null) {
                in.close();
            }
            return new Answer(status, connection.getHeaderField("Retry-After"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** TLS sockets bound to the source address before they connect. */
    private static final class BoundSockets extends SSLSocketFactory {
        private final SSLSocketFactory delegate;
        private final InetAddress source;

        BoundSockets(SSLSocketFactory delegate, InetAddress source) {
            this.delegate = delegate;
            this.source = source;
        }

        @Override
        public Socket createSocket() throws IOException {
            Socket socket = delegate.createSocket();
            socket.bind(new InetSocketAddress(source, 0));
            return socket;
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return delegate.createSocket(host, port, source, 0);
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return delegate.createSocket(host, port, source, 0);
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return delegate.createSocket(host, port, source, 0);
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
            return delegate.createSocket(address, port, source, 0);
        }

        @Override
        public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
            return delegate.createSocket(socket, host, port, autoClose);
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }
    }
}
