package dev.ordersystem.notifications.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * A TCP proxy on localhost in front of a server, so that a test can take the server away from a client without
 * stopping it: {@link #refuse()} closes every connection and refuses new ones (the server is down),
 * {@link #blackhole()} lets no byte through in either direction (the network is cut: connections hang, new ones are
 * accepted but get no answer), {@link #restore()} passes traffic again. Bytes held back by a blackhole are delivered
 * when it ends, as TCP's retransmissions would.
 */
public final class TcpProxy implements AutoCloseable {

    private enum Mode {
        PASS,
        BLACKHOLE,
        REFUSE
    }

    private static final int CONNECT_TIMEOUT_MS = 2000;

    private final InetSocketAddress upstream;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "tcp-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Mode mode = Mode.PASS;
    private volatile int port;
    private @Nullable ServerSocket listener;

    private TcpProxy(InetSocketAddress upstream) {
        this.upstream = upstream;
    }

    /** A proxy to {@code host:upstreamPort} on a free port of localhost (kept when it listens again), passing traffic. */
    public static TcpProxy start(String host, int upstreamPort) {
        var proxy = new TcpProxy(new InetSocketAddress(host, upstreamPort));
        proxy.listen();
        return proxy;
    }

    public int port() {
        return port;
    }

    /** Closes every connection and refuses new ones until {@link #restore()}. */
    public synchronized void refuse() {
        mode = Mode.REFUSE;
        closeQuietly(listener);
        listener = null;
        sockets.forEach(TcpProxy::closeQuietly);
        sockets.clear();
    }

    /** Holds back every byte, of open and of new connections, until {@link #restore()}. */
    public synchronized void blackhole() {
        mode = Mode.BLACKHOLE;
    }

    /** Passes traffic again, and listens again if it refused. */
    public synchronized void restore() {
        if (listener == null) {
            listen();
        }
        mode = Mode.PASS;
        notifyAll();
    }

    @Override
    public synchronized void close() {
        refuse();
        threads.shutdownNow();
    }

    private synchronized void listen() {
        try {
            var server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            port = server.getLocalPort();
            listener = server;
            threads.execute(() -> accept(server));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port, e);
        }
    }

    private void accept(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                var target = new Socket();
                sockets.add(client);
                sockets.add(target);
                target.connect(upstream, CONNECT_TIMEOUT_MS);
                threads.execute(() -> pipe(client, target));
                threads.execute(() -> pipe(target, client));
            } catch (IOException e) {
                // the listener was closed (refuse), or the upstream server is not there: the client sees a close
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (!awaitPassing()) {
                    break;
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed or was closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    /** Waits while the proxy is a blackhole; false if it refuses. */
    private synchronized boolean awaitPassing() {
        while (mode == Mode.BLACKHOLE) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return mode == Mode.PASS;
    }

    private static void closeQuietly(@Nullable AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception e) {
                // closing anyway
            }
        }
    }
}
