/**
 * Dead letters: listing the dead-letter topic (read from the beginning by a short-lived consumer without a group, so
 * listing commits nothing and disturbs nobody), re-driving one or all of them to their original topic with their
 * original key and headers, and discarding one. Each decision is recorded: a dead letter is re-driven or discarded,
 * at most once, and the listing shows which. While a dead letter is undecided, the later records of its order wait
 * behind it (the inbox's {@link dev.ordersystem.notifications.inbox.BlockedOrders}); the listing shows that order and
 * how many records are parked. A re-drive releases them once the re-driven record has been processed, a discard at
 * once.
 */
@NullMarked
package dev.ordersystem.notifications.deadletter;

import org.jspecify.annotations.NullMarked;
