package dev.ordersystem.benchmark;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * The polling relay at one offered rate: the JDBC ceiling's transaction into {@code outbox_polling} from the open-loop
 * scheduler (order-service and notification-service stopped), and the relay's lag from each commit to the append of
 * its record, measured exactly as for the CDC relay.
 */
record PollingAtRate(
        Database database, PollingRelay relay, TopicObserver topic, LoadGenerator.OpenLoop load, Duration settle)
        implements Phase<PollingAtRate.Result> {

    /**
     * @param events the events written in the measurement window
     * @param missing those not on the topic within the settle time
     * @param producerCallbackLag the relay's own view, from the commit to its producer's callback
     */
    record Result(int rate, int events, int missing, Samples.Summary lagMs, SelfReported producerCallbackLag) {}

    /** A lag as the relay itself sees it, and how it is measured. */
    record SelfReported(String method, Samples.Summary ms) {}

    @Override
    public String name() {
        return "polling relay at " + load.rate() + "/s";
    }

    @Override
    public Result run() throws Exception {
        String tag = "bench-polling-" + load.rate();
        LoadGenerator.OpenLoopResult writes = LoadGenerator.openLoop(
                load, () -> JdbcOrderClient.open(database, Database.POLLING_OUTBOX, tag, tag + "-warmup"));
        int missing = topic.awaitAll(writes.ids(), settle);
        Map<UUID, Long> commits = relay.commitMicros(writes.ids());
        Samples callback = new Samples();
        commits.forEach((id, committed) -> {
            Long acked = relay.ackMicros(id);
            if (acked != null) {
                callback.add((acked - committed) / 1000.0);
            }
        });
        if (relay.failure() != null) {
            Timeline.warn("the polling relay failed at least once: " + relay.failure());
        }
        return new Result(
                load.rate(),
                writes.ids().size(),
                missing,
                Lag.commitToAppend(commits, topic),
                new SelfReported("producer callback time - commit time (µs clocks)", callback.summary()));
    }
}
