/**
 * Live streams of customers' new notifications, independent of their transport: the open streams of this instance
 * ({@code StreamSubscriptions}: who gets a notification), the poller that feeds them from the database and the local
 * after-commit push ({@code NotificationStreamPoller}: what to push), and {@code NotificationStreams} to open and
 * close one. The web layer supplies the transport as a {@link dev.ordersystem.notifications.feed.stream.StreamSink}.
 */
@NullMarked
package dev.ordersystem.notifications.feed.stream;

import org.jspecify.annotations.NullMarked;
