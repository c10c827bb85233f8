package dev.ordersystem.notifications.email;

import org.jspecify.annotations.Nullable;

/**
 * Where the email of a notification stands, with the trace id its send continues: that of the inbox transaction that
 * created the delivery. For operators; the customer's feed shows the state alone.
 */
public record TracedEmailState(EmailState state, @Nullable String traceId) {}
