/**
 * The journey of one order as this service saw it, for operators: each event of the order it consumed, where and when
 * it read it, its notification and how its email went. It joins what the inbox, the notifications and the email channel
 * tell through their public APIs; the ops console joins it with the order service's journey by event id.
 */
@NullMarked
package dev.ordersystem.notifications.journey;

import org.jspecify.annotations.NullMarked;
