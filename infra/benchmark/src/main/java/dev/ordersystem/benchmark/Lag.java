package dev.ordersystem.benchmark;

import java.util.Map;
import java.util.UUID;

/** A relay's lag as the benchmark measures it: the LogAppendTime of an event's record minus its outbox row's commit. */
final class Lag {

    private Lag() {}

    /** The lags (ms) of the events with a known commit time (µs since the epoch) that reached the topic. */
    static Samples.Summary commitToAppend(Map<UUID, Long> commitMicros, TopicObserver topic) {
        Samples lag = new Samples();
        commitMicros.forEach((id, committed) -> {
            Long appended = topic.appendedAt(id);
            if (appended != null) {
                lag.add(appended - committed / 1000.0);
            }
        });
        return lag.summary();
    }
}
