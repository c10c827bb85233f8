package dev.ordersystem.notifications.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersystem.events.OrderCancelled;
import dev.ordersystem.events.OrderLine;
import dev.ordersystem.events.OrderPaid;
import dev.ordersystem.events.OrderPlaced;
import dev.ordersystem.events.OrderShipped;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotificationTemplatesTests {

    private static final String ORDER = "5f0c6a2e-8d7b-4c1e-9a3f-2b6d8e1c4a70";
    private static final Instant AT = Instant.parse("2026-11-25T10:15:30.123Z");
    private static final List<OrderLine> LINES = List.of(
            new OrderLine("BOOK-9780262046305", 1, new BigDecimal("54.00"), new BigDecimal("54.00")),
            new OrderLine("MUG-ORDERSYS-01", 2, new BigDecimal("12.50"), new BigDecimal("25.00")));

    @Test
    void placedOrderListsItsLinesAndTotal() {
        var message = NotificationTemplates.render(
                new OrderPlaced(ORDER, "c-1", "ada@example.com", LINES, new BigDecimal("79.00"), "EUR", AT));

        assertThat(message.subject()).isEqualTo("We received your order 5f0c6a2e");
        assertThat(message.body())
                .contains("thank you for your order " + ORDER + ", placed on 2026-11-25 10:15 UTC.")
                .contains("  1 x BOOK-9780262046305 at 54.00 EUR = 54.00 EUR\n")
                .contains("  2 x MUG-ORDERSYS-01 at 12.50 EUR = 25.00 EUR\n")
                .contains("Total: 79.00 EUR");
    }

    @Test
    void paymentKeepsTheScaleOfTheAmount() {
        var message = NotificationTemplates.render(
                new OrderPaid(ORDER, "c-1", "ada@example.com", new BigDecimal("79.10"), "EUR", AT));

        assertThat(message.subject()).isEqualTo("Payment received for order 5f0c6a2e");
        assertThat(message.body()).contains("your payment of 79.10 EUR for order " + ORDER);
    }

    @Test
    void shipmentNamesTheDayItLeft() {
        var message = NotificationTemplates.render(
                new OrderShipped(ORDER, "c-1", "ada@example.com", LINES, new BigDecimal("79.00"), "EUR", AT));

        assertThat(message.subject()).isEqualTo("Your order 5f0c6a2e has shipped");
        assertThat(message.body()).contains("left our warehouse on 2026-11-25 10:15 UTC");
    }

    @Test
    void cancellationGivesTheReasonOrSaysThereWasNone() {
        var withReason = NotificationTemplates.render(
                new OrderCancelled(ORDER, "c-1", "a@example.com", "out of stock", BigDecimal.TEN, "EUR", AT));
        var withoutReason = NotificationTemplates.render(
                new OrderCancelled(ORDER, "c-1", "a@example.com", null, BigDecimal.TEN, "EUR", AT));

        assertThat(withReason.subject()).isEqualTo("Your order 5f0c6a2e was cancelled");
        assertThat(withReason.body()).contains("Reason: out of stock");
        assertThat(withoutReason.body()).contains("Reason: none given");
    }

    @Test
    void hostileCustomerTextStaysOnItsLineAndOutOfTheSubject() {
        String reason = "changed my mind\r\nBcc: victim@example.org\r\n\r\nClick http://evil.example\u0000\u2028"
                + "<script>alert(1)</script>\u202Egnp.exe";
        var message = NotificationTemplates.render(
                new OrderCancelled("o-1\r\nTo:", "c-1", "a@example.com", reason, BigDecimal.TEN, "EUR", AT));
        var placed = NotificationTemplates.render(new OrderPlaced(
                ORDER,
                "c-1",
                "a@example.com",
                List.of(new OrderLine("SKU\nTotal: 0.00 EUR", 1, BigDecimal.ONE, BigDecimal.ONE)),
                BigDecimal.ONE,
                "EUR",
                AT));

        assertThat(message.subject()).isEqualTo("Your order o-1  To: was cancelled");
        assertThat(message.body().lines())
                .filteredOn(line -> line.startsWith("Reason: "))
                .singleElement()
                .isEqualTo("Reason: changed my mind  Bcc: victim@example.org    Click http://evil.example  "
                        + "<script>alert(1)</script> gnp.exe");
        assertThat(message.body().lines()).noneMatch(line -> line.startsWith("Bcc") || line.startsWith("Click"));
        assertThat(message.body()).doesNotContainPattern("[\\x00-\\x09\\x0B-\\x1F\\x7F\\u2028\\u202E]");
        assertThat(placed.body().lines()).noneMatch(line -> line.startsWith("Total: 0.00"));
        assertThat(placed.body()).contains("  1 x SKU Total: 0.00 EUR at 1 EUR = 1 EUR\n");
    }

    @Test
    void shortOrderIdIsKeptWhole() {
        assertThat(NotificationTemplates.shortId("o-1")).isEqualTo("o-1");
    }
}
