/**
 * Consumer lag, made visible: per partition of the consumed topic the log-end offset, the group's committed offset,
 * their difference and the partition's owner, served at {@code GET /ops/consumer-lag} and as Micrometer gauges.
 */
@NullMarked
package dev.ordersystem.notifications.lag;

import org.jspecify.annotations.NullMarked;
