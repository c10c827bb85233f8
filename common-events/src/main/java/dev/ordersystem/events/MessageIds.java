package dev.ordersystem.events;

import java.util.Objects;
import java.util.UUID;

/**
 * The RFC 5322 {@code Message-ID} of the email of a notification: {@code <notification-id@ordersystem>}. A message
 * sent twice (after a crash between the SMTP server accepting it and the delivery being recorded) carries the same id,
 * so mail clients and tests recognise the duplicate.
 */
public final class MessageIds {

    private static final String DOMAIN = "ordersystem";

    private MessageIds() {}

    public static String of(UUID notificationId) {
        Objects.requireNonNull(notificationId, "notificationId");
        return "<" + notificationId + "@" + DOMAIN + ">";
    }
}
