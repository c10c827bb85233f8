package dev.ordersystem.benchmark;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * A relay draining a backlog that was written while it was stopped: starts the relay, waits until every event of the
 * backlog is on the topic, stops the relay. The rate is {@code (records - 1) / (last - first LogAppendTime)}. What the
 * drain cost the database is the CPU time of all PostgreSQL processes from the relay's start until the last event was
 * seen on the topic.
 *
 * @param name the phase's name, which says which relay drains
 * @param startRelay starts the relay; closing what it returns stops it
 */
record Drain(
        String name,
        WriteBacklog.Backlog backlog,
        TopicObserver topic,
        Duration settle,
        Database database,
        Callable<? extends AutoCloseable> startRelay)
        implements Phase<Drain.Result> {

    /**
     * @param backlogWriteSeconds how long writing the backlog took (relay stopped)
     * @param firstToLastSeconds append time of the last backlog record minus that of the first
     * @param startToLastSeconds from starting the relay (process or thread) to the last record
     * @param databaseCpuSeconds CPU time (user + system) of all PostgreSQL processes from the relay's start until every
     *     record was seen
     * @param databaseCpuMicrosPerEvent {@code databaseCpuSeconds} per record, in µs
     */
    record Result(
            int backlog,
            int records,
            int missing,
            double backlogWriteSeconds,
            double firstToLastSeconds,
            double startToLastSeconds,
            double eventsPerSecond,
            double databaseCpuSeconds,
            double databaseCpuMicrosPerEvent) {}

    @Override
    public Result run() throws Exception {
        long startMillis = System.currentTimeMillis();
        double databaseCpuAtStart = database.cpuSeconds();
        try (AutoCloseable relay = startRelay.call()) {
            return measure(startMillis, databaseCpuAtStart);
        }
    }

    private Result measure(long startMillis, double databaseCpuAtStart) throws Exception {
        Duration timeout = Duration.ofSeconds(
                Math.max(settle.toSeconds(), 120 + backlog.ids().size() / 500));
        int missing = topic.awaitAll(backlog.ids(), timeout);
        double databaseCpu = database.cpuSeconds() - databaseCpuAtStart;
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
                seconds > 0 ? (records - 1) / seconds : 0,
                databaseCpu,
                records > 0 ? databaseCpu * 1e6 / records : 0);
    }
}
