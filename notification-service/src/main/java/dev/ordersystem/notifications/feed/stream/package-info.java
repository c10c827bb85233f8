/**
 * Live streams of customers' new notifications, independent of their transport: the open streams of this instance
 * and their limits ({@code StreamSubscriptions}: who gets a notification), the poller that follows the commits of
 * the {@code notifications} table ({@code NotificationStreamPoller}: what to push), each stream's bounded queue and
 * writing task ({@link dev.ordersystem.notifications.feed.stream.Subscription}), and
 * {@link dev.ordersystem.notifications.feed.stream.NotificationStreams} to open and close one. The web layer supplies
 * the transport as a {@link dev.ordersystem.notifications.feed.stream.StreamSink}.
 */
@NullMarked
package dev.ordersystem.notifications.feed.stream;

import org.jspecify.annotations.NullMarked;
