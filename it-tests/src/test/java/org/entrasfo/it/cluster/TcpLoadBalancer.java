package org.entrasfo.it.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load balancer in front of a test cluster: TLS passes through untouched (the nodes share a certificate), and
 * each new connection goes to the backend the test chose, or to the next one that accepts when that node is down,
 * like a load balancer's health-checked failover. Switching the backend drops open connections, so the browser's
 * next request really lands on the other node.
 */
public final class TcpLoadBalancer implements AutoCloseable {

    private final ServerSocket listener;
    private final List<Integer> backends;
    private final AtomicInteger preferred = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    public TcpLoadBalancer(int port, List<Integer> backendPorts) throws IOException {
        this.backends = List.copyOf(backendPorts);
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        Thread acceptor = new Thread(this::acceptLoop, "load-balancer");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** New connections go to backend {@code index} (0 = first node) while it accepts them. */
    public void routeTo(int index) {
        preferred.set(index);
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Thread handler = new Thread(() -> connect(client), "load-balancer-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void connect(Socket client) {
        int first = preferred.get();
        for (int i = 0; i < backends.size(); i++) {
            int port = backends.get((first + i) % backends.size());
            try {
                Socket backend = new Socket();
                backend.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
                open.add(client);
                open.add(backend);
                pump(client, backend);
                pump(backend, client);
                return;
            } catch (IOException nodeDown) {
                // try the next node
            }
        }
        closeQuietly(client);
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "load-balancer-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closed already
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // closed already
        }
        open.forEach(TcpLoadBalancer::closeQuietly);
    }
}
