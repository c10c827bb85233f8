/**
 * Dead letters: listing the dead-letter topic (read from the beginning by a short-lived consumer without a group, so
 * listing commits nothing and disturbs nobody) and re-driving one or all of them to their original topic, with their
 * original key and headers. Each re-drive is recorded, so a dead letter is re-driven at most once and the listing
 * shows which were.
 */
@NullMarked
package dev.ordersystem.notifications.deadletter;

import org.jspecify.annotations.NullMarked;
