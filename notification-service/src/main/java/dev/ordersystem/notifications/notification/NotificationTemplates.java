package dev.ordersystem.notifications.notification;

import dev.ordersystem.events.EventType;
import dev.ordersystem.events.OrderCancelled;
import dev.ordersystem.events.OrderEvent;
import dev.ordersystem.events.OrderLine;
import dev.ordersystem.events.OrderPaid;
import dev.ordersystem.events.OrderPlaced;
import dev.ordersystem.events.OrderShipped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One template per event type: a subject and a plain-text body with the order's details. The switch over
 * {@link EventType} is exhaustive, so a new event type is a compile error here until it has a template.
 *
 * <p>Some of the text comes from customers (the cancel reason, the SKUs) or from the order service (ids): every such
 * value goes through {@link #plain}, which turns control characters (CR, LF, NUL, ...), line and paragraph separators
 * and bidirectional overrides into spaces, so a value stays on its line of the body and can never start a mail header
 * or forge lines; the subject carries no customer text at all. The result is plain text and is sent as
 * {@code text/plain}: anything that renders a notification into a page (HTML) must HTML-escape the subject and the
 * body, as it must any text; the JSON of the REST API and the stream is escaped by its encoder.
 */
final class NotificationTemplates {

    /** Characters that could break a line, forge a header or reorder what is shown. */
    private static final Pattern UNSAFE = Pattern.compile("[\\p{Cc}\\p{Zl}\\p{Zp}\\u202A-\\u202E\\u2066-\\u2069]");

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private NotificationTemplates() {}

    static RenderedMessage render(OrderEvent event) {
        return switch (EventType.of(event)) {
            case ORDER_PLACED -> placed((OrderPlaced) event);
            case ORDER_PAID -> paid((OrderPaid) event);
            case ORDER_SHIPPED -> shipped((OrderShipped) event);
            case ORDER_CANCELLED -> cancelled((OrderCancelled) event);
        };
    }

    private static RenderedMessage placed(OrderPlaced placed) {
        return new RenderedMessage("We received your order " + shortId(placed.orderId()), """
                        Hello,

                        thank you for your order %s, placed on %s.

                        %s
                        Total: %s

                        We will write again when it has been paid and when it ships.
                        """.formatted(
                        plain(placed.orderId()),
                        when(placed.placedAt()),
                        lines(placed.lines(), placed.currency()),
                        money(placed.total(), placed.currency())));
    }

    private static RenderedMessage paid(OrderPaid paid) {
        return new RenderedMessage("Payment received for order " + shortId(paid.orderId()), """
                        Hello,

                        we received your payment of %s for order %s on %s.

                        We are now preparing your parcel.
                        """.formatted(
                        money(paid.total(), paid.currency()), plain(paid.orderId()), when(paid.paidAt())));
    }

    private static RenderedMessage shipped(OrderShipped shipped) {
        return new RenderedMessage("Your order " + shortId(shipped.orderId()) + " has shipped", """
                        Hello,

                        your order %s left our warehouse on %s.

                        %s
                        Total: %s
                        """.formatted(
                        plain(shipped.orderId()),
                        when(shipped.shippedAt()),
                        lines(shipped.lines(), shipped.currency()),
                        money(shipped.total(), shipped.currency())));
    }

    private static RenderedMessage cancelled(OrderCancelled cancelled) {
        return new RenderedMessage("Your order " + shortId(cancelled.orderId()) + " was cancelled", """
                        Hello,

                        your order %s was cancelled on %s.
                        Reason: %s

                        Any payment of %s will be refunded.
                        """.formatted(
                        plain(cancelled.orderId()),
                        when(cancelled.cancelledAt()),
                        cancelled.reason() == null ? "none given" : plain(cancelled.reason()),
                        money(cancelled.total(), cancelled.currency())));
    }

    /** The first 8 characters of an order id (all of a short one), enough to recognise it in a subject line. */
    static String shortId(String orderId) {
        return plain(orderId.length() <= 8 ? orderId : orderId.substring(0, 8));
    }

    /** The text with every character that could break its line, or forge a header, replaced by a space. */
    static String plain(String text) {
        return UNSAFE.matcher(text).replaceAll(" ");
    }

    private static String lines(List<OrderLine> lines, String currency) {
        var text = new StringBuilder();
        for (OrderLine line : lines) {
            text.append("  ")
                    .append(line.quantity())
                    .append(" x ")
                    .append(plain(line.sku()))
                    .append(" at ")
                    .append(money(line.unitPrice(), currency))
                    .append(" = ")
                    .append(money(line.lineTotal(), currency))
                    .append('\n');
        }
        return text.toString();
    }

    private static String money(BigDecimal amount, String currency) {
        return amount.toPlainString() + " " + currency;
    }

    private static String when(Instant instant) {
        return WHEN.format(instant);
    }
}
