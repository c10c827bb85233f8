package dev.ordersystem.notifications.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A minimal SMTP server for what GreenMail cannot do: answer each message slowly ({@link #delayEachMessage}), or hold
 * back the answer to the n-th message for one recipient until the test lets it reject it ({@link #holdMessage},
 * {@link #rejectHeld()}). It records the Message-ID of every message it accepted.
 */
public final class ScriptedSmtpServer implements AutoCloseable {

    private static final Duration LONGEST_HOLD = Duration.ofSeconds(30);

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "scripted-smtp");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Accepted> accepted = new ArrayList<>();
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
    private final AtomicInteger messagesToHeldRecipient = new AtomicInteger();
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch rejected = new CountDownLatch(1);
    private volatile Duration delay = Duration.ZERO;
    private volatile @Nullable String heldRecipient;
    private volatile int heldNumber;

    /** A message the server accepted: its recipients (lower case) and its Message-ID. */
    private record Accepted(
            List<String> recipients, @Nullable String messageId) {}

    private ScriptedSmtpServer(ServerSocket server) {
        this.server = server;
        threads.execute(this::accept);
    }

    /**
     * Listens on localhost at the port (e.g. the one GreenMail left, so that the service under test finds it), or a
     * free one for 0.
     */
    public static ScriptedSmtpServer start(int port) {
        try {
            var socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return new ScriptedSmtpServer(socket);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port, e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Every message is answered after this delay. */
    public ScriptedSmtpServer delayEachMessage(Duration delay) {
        this.delay = delay;
        return this;
    }

    /** The answer to the n-th message (from 1) to the recipient is held until {@link #rejectHeld()}. */
    public ScriptedSmtpServer holdMessage(String recipient, int number) {
        this.heldRecipient = recipient.toLowerCase(Locale.ROOT);
        this.heldNumber = number;
        return this;
    }

    /** Waits until the held message has arrived (its answer is held back). */
    public void awaitHeld(Duration timeout) throws InterruptedException {
        if (!held.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the message to hold did not arrive within " + timeout);
        }
    }

    /** Answers the held message: rejected (554). */
    public void rejectHeld() {
        rejected.countDown();
    }

    /** Message-IDs of the accepted messages, in the order they were accepted (repeats included). */
    public synchronized List<String> acceptedMessageIds() {
        return accepted.stream().map(Accepted::messageId).toList();
    }

    /** Message-IDs of the accepted messages to the recipient, in the order they were accepted (repeats included). */
    public synchronized List<String> acceptedMessageIds(String recipient) {
        return accepted.stream()
                .filter(message -> message.recipients().contains(recipient.toLowerCase(Locale.ROOT)))
                .map(Accepted::messageId)
                .toList();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        rejected.countDown();
        clients.forEach(client -> {
            try {
                client.close();
            } catch (IOException e) {
                // closing anyway
            }
        });
        threads.shutdownNow();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                clients.add(client);
                threads.execute(() -> converse(client));
            } catch (IOException e) {
                // closed
            }
        }
    }

    private void converse(Socket client) {
        try (client;
                var in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = client.getOutputStream()) {
            reply(out, "220 scripted-smtp ready");
            List<String> recipients = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                    reply(out, "250 scripted-smtp");
                } else if (command.startsWith("MAIL FROM") || command.startsWith("RSET")) {
                    recipients.clear();
                    reply(out, "250 OK");
                } else if (command.startsWith("RCPT TO")) {
                    recipients.add(line.substring(line.indexOf('<') + 1, line.lastIndexOf('>'))
                            .toLowerCase(Locale.ROOT));
                    reply(out, "250 OK");
                } else if (command.startsWith("DATA")) {
                    reply(out, "354 end with <CRLF>.<CRLF>");
                    String messageId = readData(in);
                    reply(out, answer(List.copyOf(recipients), messageId));
                } else if (command.startsWith("QUIT")) {
                    reply(out, "221 bye");
                    return;
                } else {
                    reply(out, "250 OK"); // NOOP and anything else
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away, or the server is closing
        } finally {
            clients.remove(client);
        }
    }

    private String answer(List<String> recipients, @Nullable String messageId) throws InterruptedException {
        Thread.sleep(delay.toMillis());
        String holding = heldRecipient;
        if (holding != null
                && recipients.contains(holding)
                && messagesToHeldRecipient.incrementAndGet() == heldNumber) {
            held.countDown();
            rejected.await(LONGEST_HOLD.toMillis(), TimeUnit.MILLISECONDS);
            return "554 5.7.1 rejected by the test";
        }
        synchronized (this) {
            accepted.add(new Accepted(recipients, messageId));
        }
        return "250 OK accepted";
    }

    /** Reads the message up to the line with a single dot; returns its Message-ID header. */
    private static @Nullable String readData(BufferedReader in) throws IOException {
        String messageId = null;
        boolean inHeaders = true;
        String line;
        while ((line = in.readLine()) != null && !line.equals(".")) {
            if (line.isEmpty()) {
                inHeaders = false;
            } else if (inHeaders && line.toLowerCase(Locale.ROOT).startsWith("message-id:")) {
                messageId = line.substring("message-id:".length()).trim();
            }
        }
        return messageId;
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
