/**
 * The in-app feed, a channel like email: a customer's notifications with the state of their emails (composed from
 * {@link dev.ordersystem.notifications.notification.Notifications} and
 * {@link dev.ordersystem.notifications.email.EmailDeliveries}, whose tables it never reads itself), and live streams
 * of new ones ({@code stream}), served over HTTP by {@code web}.
 */
@NullMarked
package dev.ordersystem.notifications.feed;

import org.jspecify.annotations.NullMarked;
