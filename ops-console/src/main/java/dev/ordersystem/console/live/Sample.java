package dev.ordersystem.console.live;

import java.time.Instant;

/**
 * A point of the chart.
 *
 * @param eventsPerSecond records appended to the topic per second since the previous sample
 * @param totalLag the lag of every group on the topic, summed
 */
public record Sample(Instant at, double eventsPerSecond, long totalLag) {}
