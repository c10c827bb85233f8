package dev.ordersystem.notifications.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import org.jspecify.annotations.Nullable;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * One SMTP connection for a batch, opened with the settings of the {@code spring.mail.*} mail sender. Messages go one
 * at a time, so that the caller can record each as soon as the server accepted it (a connection per message would
 * cap the rate at a few dozen a second). After a failed message the connection is closed and the next message opens
 * a new one, as a failure may have left it unusable.
 */
final class SmtpConnection implements AutoCloseable {

    /** Connecting to the server failed: the messages after this one would fail alike. */
    static final class ConnectFailedException extends MessagingException {

        ConnectFailedException(MessagingException cause) {
            super("Cannot connect to the SMTP server: " + cause.getMessage(), cause);
        }
    }

    private final JavaMailSenderImpl settings;
    private @Nullable Transport transport;

    SmtpConnection(JavaMailSenderImpl settings) {
        this.settings = settings;
    }

    /**
     * Sends the message; returns once the server accepted it.
     *
     * @throws ConnectFailedException the server cannot be reached
     * @throws MessagingException the server did not accept this message
     */
    void send(MimeMessage message) throws MessagingException {
        Transport connected = transport == null ? connect() : transport;
        if (message.getSentDate() == null) {
            message.setSentDate(new Date());
        }
        String messageId = message.getMessageID();
        message.saveChanges(); // sets a Message-ID of its own: the one set by the caller is put back
        if (messageId != null) {
            message.setHeader("Message-ID", messageId);
        }
        try {
            connected.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException e) {
            close();
            throw e;
        }
    }

    @Override
    public void close() {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException e) {
                // closing anyway
            }
            transport = null;
        }
    }

    private Transport connect() throws ConnectFailedException {
        String username = settings.getUsername();
        String password = settings.getPassword();
        try {
            Transport opened = settings.getSession()
                    .getTransport(settings.getProtocol() == null ? "smtp" : settings.getProtocol());
            opened.connect(
                    settings.getHost(),
                    settings.getPort(),
                    username == null || username.isEmpty() ? null : username,
                    password == null || password.isEmpty() ? null : password);
            transport = opened;
            return opened;
        } catch (MessagingException e) {
            throw new ConnectFailedException(e);
        }
    }
}
