package dev.ordersystem.notifications.email;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.StreamProvider;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MailStreamProviderTests {

    private static final String PROPERTY = StreamProvider.class.getName();

    private String before;

    @BeforeEach
    void clear() {
        before = System.clearProperty(PROPERTY);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(PROPERTY);
        } else {
            System.setProperty(PROPERTY, before);
        }
    }

    @Test
    void namesTheImplementationOnTheClassPathSoThatMessagesAreWrittenWithIt() throws Exception {
        MailStreamProvider.nameTheImplementation();

        assertThat(System.getProperty(PROPERTY)).isEqualTo("org.eclipse.angus.mail.util.MailStreamProvider");
        assertThat(StreamProvider.provider().getClass().getName()).isEqualTo(System.getProperty(PROPERTY));
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setText("Grüße: your order has shipped", "UTF-8");
        message.saveChanges();
        var written = new ByteArrayOutputStream();
        message.writeTo(written);
        assertThat(written.toString(StandardCharsets.US_ASCII)).contains("Content-Transfer-Encoding: quoted-printable");
    }

    @Test
    void leavesAnImplementationNamedByTheOperatorAlone() {
        System.setProperty(PROPERTY, "com.example.TheirStreamProvider");

        MailStreamProvider.nameTheImplementation();

        assertThat(System.getProperty(PROPERTY)).isEqualTo("com.example.TheirStreamProvider");
    }
}
