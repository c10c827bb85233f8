package dev.ordersystem.notifications.notification;

import static dev.ordersystem.notifications.support.TestEvents.cancelled;
import static dev.ordersystem.notifications.support.TestEvents.email;
import static dev.ordersystem.notifications.support.TestEvents.uniqueCustomer;
import static dev.ordersystem.notifications.support.TestEvents.uniqueOrder;
import static dev.ordersystem.notifications.support.TestKafka.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersystem.notifications.support.IntegrationTestSupport;
import dev.ordersystem.notifications.support.TestMail;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A cancel reason written to attack the mail and the pages that show it, through the whole consumer. */
class HostileTextIntegrationTests extends IntegrationTestSupport {

    private static final String REASON =
            "no longer needed\r\nBcc: victim@example.org\r\nSubject: you won\r\n\r\n<img src=x onerror=alert(1)>\u0000";

    @Test
    void hostileCancelReasonCanNeitherAddRecipientsNorHeadersNorLines() throws Exception {
        String customer = uniqueCustomer();
        String order = uniqueOrder();

        publish(cancelled(order, customer, REASON));

        await().atMost(WAIT).until(() -> TestMail.receivedBy(email(customer)).size() == 1);
        MimeMessage mail = TestMail.receivedBy(email(customer)).get(0);
        assertThat(mail.getAllRecipients()).extracting(Address::toString).containsExactly(email(customer));
        assertThat(TestMail.receivedBy("victim@example.org")).isEmpty();
        assertThat(mail.getHeader("Bcc")).isNull();
        assertThat(mail.getSubject()).isEqualTo("Your order " + order.substring(0, 8) + " was cancelled");
        assertThat(Collections.list(mail.getAllHeaderLines()))
                .noneMatch(header -> header.contains("victim") || header.contains("you won"));
        String body = mail.getContent().toString();
        assertThat(body.lines())
                .filteredOn(line -> line.contains("no longer needed"))
                .singleElement()
                .isEqualTo("Reason: no longer needed  Bcc: victim@example.org  Subject: you won    "
                        + "<img src=x onerror=alert(1)> ");
        assertThat(body).doesNotContain("\u0000");

        // the API returns the text as it is, as a JSON string: a page that shows it must HTML-escape it
        JsonNode feed = json(get("/customers/" + customer + "/notifications", AUTHORIZATION, customer(customer)));
        assertThat(feed.at("/items/0/body").asString()).contains("<img src=x onerror=alert(1)>");
    }
}
