/** The events topic as a commit log: partitions, segments, offsets and the consumer groups on it (admin API). */
@NullMarked
package dev.ordersystem.console.commitlog;

import org.jspecify.annotations.NullMarked;
