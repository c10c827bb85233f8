package dev.ordersystem.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP proxy on {@code 127.0.0.1:<free port>} in front of one target ({@code host:port}), for network faults that a
 * test switches on and off while clients use it: point a client at {@link #address()} instead of the target, then
 * {@link #blackhole()} (a network cut), {@link #refuse()} (a server that is down) and {@link #forward()} again.
 *
 * <ul>
 *   <li>{@link Mode#FORWARD}: every accepted connection gets its own connection to the target; bytes flow both ways,
 *       and a half-close (EOF) is passed on.
 *   <li>{@link Mode#BLACKHOLE}: nothing is refused and nothing answers. Open connections stay open but no byte is
 *       forwarded any more, in either direction; new connections are accepted and never forwarded. A blackholed
 *       connection stays dead after {@link #forward()}, as a client's connection does after a real cut.
 *   <li>{@link Mode#REFUSE}: open connections are reset (RST to both peers) and new ones are refused ({@code
 *       Connection refused}): the port stays bound to this proxy, but nothing listens on it.
 * </ul>
 *
 * <p>Blackholing happens in this JVM, not in the network: the TCP stack of this machine still acknowledges what either
 * peer sends (until the proxy's buffers are full) and answers TCP keepalive probes. A cut is visible to both peers as
 * silence at the application level (queries that never answer, replication that stops), not to TCP keepalives.
 *
 * <p>Blocking I/O on daemon threads (two per forwarded connection); thread-safe.
 */
public final class TcpProxy implements AutoCloseable {

    /** What the proxy does with connections; see the class description. */
    public enum Mode {
        FORWARD,
        BLACKHOLE,
        REFUSE
    }

    private static final Logger log = LoggerFactory.getLogger(TcpProxy.class);
    private static final String HOST = "127.0.0.1";
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final ExecutorService threads;
    private final Set<Link> links = new HashSet<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong bytesToTarget = new AtomicLong();
    private final AtomicLong bytesFromTarget = new AtomicLong();
    private Mode mode = Mode.FORWARD;
    private boolean closed;
    /** Whether the acceptor thread uses the listener (is in or about to enter {@code accept()}). */
    private boolean accepting;
    /** Listens in FORWARD and BLACKHOLE. */
    private @Nullable ServerSocket listener;
    /** Holds the port without listening in REFUSE, so that connections are refused and no one else binds it. */
    private @Nullable Socket placeholder;

    private TcpProxy(String targetHost, int targetPort, ServerSocket listener) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.listener = listener;
        this.port = listener.getLocalPort();
        AtomicInteger threadCount = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "tcp-proxy-" + port + "-" + threadCount.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts forwarding from a free port on {@code 127.0.0.1} to {@code targetHost:targetPort}. */
    public static TcpProxy start(String targetHost, int targetPort) {
        TcpProxy proxy = new TcpProxy(targetHost, targetPort, listen(0));
        proxy.threads.execute(proxy::acceptLoop);
        log.info("{} started", proxy);
        return proxy;
    }

    /** {@code 127.0.0.1:<port>}, the address clients use instead of the target's. */
    public String address() {
        return HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public synchronized Mode mode() {
        return mode;
    }

    /** Forwards new connections again; connections cut by {@link #blackhole()} stay dead. */
    public void forward() {
        switchTo(Mode.FORWARD);
    }

    /** Stops forwarding on every open connection and holds new ones without forwarding: a network cut. */
    public void blackhole() {
        switchTo(Mode.BLACKHOLE);
    }

    /** Resets every open connection and refuses new ones: the target is down. */
    public void refuse() {
        switchTo(Mode.REFUSE);
    }

    /** Connections accepted since the start (forwarded or held). */
    public long connectionsAccepted() {
        return accepted.get();
    }

    /** Connections open now, forwarded or held by a blackhole. */
    public synchronized int openConnections() {
        return links.size();
    }

    /** Bytes forwarded from clients to the target. */
    public long bytesToTarget() {
        return bytesToTarget.get();
    }

    /** Bytes forwarded from the target to clients. */
    public long bytesFromTarget() {
        return bytesFromTarget.get();
    }

    /** Closes the port and every connection (without a reset). */
    @Override
    public void close() {
        List<Link> open;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            closeQuietly(listener);
            closeQuietly(placeholder);
            open = new ArrayList<>(links);
            links.clear();
            notifyAll();
        }
        open.forEach(link -> link.close(false));
        threads.shutdownNow();
        log.info("{} closed", this);
    }

    @Override
    public String toString() {
        return "TcpProxy[" + address() + " -> " + targetHost + ":" + targetPort + ", " + mode() + ", connections "
                + connectionsAccepted() + " (" + openConnections() + " open), bytes to target " + bytesToTarget()
                + ", from target " + bytesFromTarget() + "]";
    }

    private void switchTo(Mode next) {
        List<Link> reset = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("closed: " + this);
            }
            Mode previous = mode;
            mode = next;
            if (next == Mode.BLACKHOLE) {
                links.forEach(link -> link.cut = true);
            }
            if (next == Mode.REFUSE && previous != Mode.REFUSE) {
                closeQuietly(listener);
                listener = null;
                awaitAcceptorOut();
                placeholder = holdPort(port);
                reset.addAll(links);
                links.clear();
            }
            if (next != Mode.REFUSE && previous == Mode.REFUSE) {
                closeQuietly(placeholder);
                placeholder = null;
                listener = listen(port);
                notifyAll();
            }
        }
        reset.forEach(link -> link.close(true));
        log.info("{}: {}", next, this);
    }

    /**
     * Waits until the acceptor thread has left {@code accept()}: a socket closed while a thread is blocked in it is
     * closed for real (and its port released) only when that thread returns.
     */
    private void awaitAcceptorOut() {
        while (accepting) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while closing the listener of " + this, e);
            }
        }
    }

    private void acceptLoop() {
        while (true) {
            ServerSocket current;
            synchronized (this) {
                accepting = false;
                notifyAll();
                while (!closed && listener == null) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                current = listener;
                accepting = true;
            }
            try {
                accept(current.accept());
            } catch (IOException e) {
                // the listener was closed by refuse() or close(); the loop finds out which
            }
        }
    }

    private void accept(Socket client) {
        accepted.incrementAndGet();
        Link link = new Link(client);
        synchronized (this) {
            if (closed || mode == Mode.REFUSE) {
                link.close(true);
                return;
            }
            links.add(link);
            if (mode == Mode.BLACKHOLE) {
                link.cut = true; // held open, never forwarded
                return;
            }
        }
        threads.execute(() -> connectAndForward(link));
    }

    private void connectAndForward(Link link) {
        Socket target = new Socket();
        try {
            target.setTcpNoDelay(true);
            link.client.setTcpNoDelay(true);
            target.connect(new InetSocketAddress(targetHost, targetPort), CONNECT_TIMEOUT_MILLIS);
        } catch (IOException e) {
            closeQuietly(target);
            remove(link);
            link.close(true); // the client sees its connection reset, as if the target had refused it
            return;
        }
        if (!link.connected(target)) {
            closeQuietly(target);
            return;
        }
        threads.execute(() -> pump(link, target, link.client, bytesFromTarget));
        pump(link, link.client, target, bytesToTarget);
    }

    /**
     * Copies from one peer to the other until EOF (passed on as a half-close), an error (passed on as a reset) or a
     * cut. After a cut it stops reading and drops what it read: the sender's data piles up as behind a broken network.
     */
    private void pump(Link link, Socket from, Socket to, AtomicLong counter) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (link.cut) {
                    return;
                }
                out.write(buffer, 0, n);
                counter.addAndGet(n);
            }
            if (link.cut) {
                return;
            }
            to.shutdownOutput();
            if (link.bothEnded()) {
                remove(link);
                link.close(false);
            }
        } catch (IOException e) {
            if (!link.cut) {
                remove(link);
                link.close(true);
            }
        }
    }

    private synchronized void remove(Link link) {
        links.remove(link);
    }

    private static ServerSocket listen(int port) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(HOST, port), 50);
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not listen on " + HOST + ":" + port, e);
        }
    }

    /** A bound socket that does not listen: the kernel answers connection attempts with a reset (refused). */
    private static Socket holdPort(int port) {
        try {
            Socket socket = new Socket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(HOST, port));
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not hold " + HOST + ":" + port, e);
        }
    }

    private static void closeQuietly(@Nullable AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // nothing left to do
        }
    }

    /** One client connection and, once connected, its connection to the target. */
    private static final class Link {
        final Socket client;
        volatile boolean cut;
        private @Nullable Socket target;
        private int eofs;
        private boolean closed;

        Link(Socket client) {
            this.client = client;
        }

        /** False if the link was closed while connecting. */
        synchronized boolean connected(Socket target) {
            if (closed) {
                return false;
            }
            this.target = target;
            return true;
        }

        /** Counts an EOF; true once both directions have ended. */
        synchronized boolean bothEnded() {
            return ++eofs == 2;
        }

        /** Closes both sockets; with {@code reset}, with an RST instead of a FIN. */
        void close(boolean reset) {
            Socket targetSocket;
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
                targetSocket = target;
            }
            close(client, reset);
            if (targetSocket != null) {
                close(targetSocket, reset);
            }
        }

        private static void close(Socket socket, boolean reset) {
            try {
                if (reset) {
                    socket.setSoLinger(true, 0);
                }
                socket.close();
            } catch (SocketException e) {
                closeQuietly(socket);
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
