package dev.ordersystem.orders.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on 127.0.0.1 that can cut the line the way a network partition does: in {@link #blackhole()} mode every
 * connection stays open and every byte is read (the kernel keeps acknowledging) but nothing is forwarded in either
 * direction, and new connections are accepted but never reach the server. Nothing is refused, nothing answers. Minimal
 * on purpose: the shared fault tools of {@code infra/local-stack} are to replace it.
 */
public final class TcpProxy implements AutoCloseable {

    private final InetSocketAddress upstream;
    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean blackholed;

    private TcpProxy(InetSocketAddress upstream, ServerSocket server) {
        this.upstream = upstream;
        this.server = server;
    }

    /** Listens on a free port of 127.0.0.1 and forwards to {@code host:port}. */
    public static TcpProxy start(String host, int port) {
        try {
            TcpProxy proxy = new TcpProxy(
                    new InetSocketAddress(host, port), new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
            Thread acceptor = new Thread(proxy::accept, "tcp-proxy-" + proxy.port());
            acceptor.setDaemon(true);
            acceptor.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The JDBC URL of {@code database} through this proxy. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** From now on nothing passes, in either direction, on old and new connections alike. */
    public void blackhole() {
        blackholed = true;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        sockets.forEach(TcpProxy::closeQuietly);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                if (blackholed) {
                    pump(client, OutputStream.nullOutputStream());
                    continue;
                }
                Socket target = new Socket(upstream.getHostString(), upstream.getPort());
                sockets.add(target);
                pump(client, target.getOutputStream());
                pump(target, client.getOutputStream());
            } catch (IOException e) {
                // the proxy was closed, or the server refused this one connection: the client sees it closed
            }
        }
    }

    /** Copies what {@code from} sends to {@code to}, or drops it while blackholed; closes both ends when done. */
    private void pump(Socket from, OutputStream to) {
        Thread thread = new Thread(
                () -> {
                    byte[] buffer = new byte[16 * 1024];
                    try (InputStream in = from.getInputStream()) {
                        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                            if (!blackholed) {
                                to.write(buffer, 0, n);
                                to.flush();
                            }
                        }
                    } catch (IOException e) {
                        // the other side went away
                    } finally {
                        if (!blackholed) {
                            closeQuietly(from);
                            closeQuietly(to);
                        }
                    }
                },
                "tcp-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // nothing to do
        }
    }
}
