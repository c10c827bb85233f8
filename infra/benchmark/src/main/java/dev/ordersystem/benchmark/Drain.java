package dev.ordersystem.benchmark;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * A relay draining a backlog that was written while it was stopped: starts the relay, waits until every event of the
 * backlog is on the topic, stops the relay. The rate is {@code (records - 1) / (last - first LogAppendTime)}.
 *
 * @param name the phase's name, which says which relay drains
 * @param startRelay starts the relay; closing what it returns stops it
 */
record Drain(
        String name,
        WriteBacklog.Backlog backlog,
        TopicObserver topic,
        Duration settle,
        Callable<? extends AutoCloseable> startRelay)
        implements Phase<Drain.Result> {

    /**
     * @param backlogWriteSeconds how long writing the backlog took (relay stopped)
     * @param firstToLastSeconds append time of the last backlog record minus that of the first
     * @param startToLastSeconds from starting the relay (process or thread) to the last record
     */
    record Result(
            int backlog,
            int records,
            int missing,
            double backlogWriteSeconds,
            double firstToLastSeconds,
            double startToLastSeconds,
            double eventsPerSecond) {}

    @Override
    public Result run() throws Exception {
        long startMillis = System.currentTimeMillis();
        try (AutoCloseable relay = startRelay.call()) {
            return measure(startMillis);
        }
    }

    private Result measure(long startMillis) throws InterruptedException {
        Duration timeout = Duration.ofSeconds(
                Math.max(settle.toSeconds(), 120 + backlog.ids().size() / 500));
        int missing = topic.awaitAll(backlog.ids(), timeout);
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        int records = 0;
        for (UUID id : backlog.ids()) {
            Long appended = topic.appendedAt(id);
            if (appended != null) {
                records++;
                first = Math.min(first, appended);
                last = Math.max(last, appended);
            }
        }
        double seconds = records > 1 ? (last - first) / 1000.0 : 0;
        return new Result(
                backlog.ids().size(),
                records,
                missing,
                backlog.seconds(),
                seconds,
                records > 0 ? (last - startMillis) / 1000.0 : 0,
                seconds > 0 ? (records - 1) / seconds : 0);
    }
}
