/** The feed over HTTP: paged list, single notification, and a live stream of server-sent events. */
@NullMarked
package dev.ordersystem.notifications.feed.web;

import org.jspecify.annotations.NullMarked;
