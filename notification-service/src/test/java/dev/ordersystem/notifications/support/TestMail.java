package dev.ordersystem.notifications.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.ordersystem.localstack.Ports;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;

/**
 * A real SMTP server (GreenMail) for the test JVM, on a port picked once, so that it can be stopped (an outage) and
 * started again on the same port.
 */
public final class TestMail {

    private static final int PORT = Ports.freePort();
    private static GreenMail server = start();

    private TestMail() {}

    public static int port() {
        return PORT;
    }

    public static synchronized void stop() {
        server.stop();
    }

    /** Starts a fresh server on the same port; it has received nothing yet. */
    public static synchronized void restart() {
        server.stop();
        server = start();
    }

    /** Messages received (since the last restart) for the recipient. */
    public static synchronized List<MimeMessage> receivedBy(String recipient) {
        return Arrays.stream(server.getReceivedMessages())
                .filter(message -> {
                    try {
                        return Arrays.stream(message.getAllRecipients())
                                .anyMatch(address -> address.toString().equalsIgnoreCase(recipient));
                    } catch (MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    private static GreenMail start() {
        var greenMail = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        return greenMail;
    }
}
