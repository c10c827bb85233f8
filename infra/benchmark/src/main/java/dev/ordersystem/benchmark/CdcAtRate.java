package dev.ordersystem.benchmark;

import dev.ordersystem.localstack.ServiceProcess;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The whole pipeline at one offered rate: the order API in an open loop (order-service with the CDC relay,
 * notification-service consuming), and of the same orders the relay's lag from the commit to the append of the record
 * and the end-to-end latency from the commit to the notification's commit; next to it, the relay's own lag timer.
 */
record CdcAtRate(
        Pipeline pipeline, ServiceProcess orderService, PipelineCpu.Processes processes, LoadGenerator.OpenLoop load)
        implements Phase<CdcAtRate.Result> {

    /** @param cpu what each process took per order placed in the measured window */
    record Result(LoadGenerator.OpenLoopResult api, RelayLag relayLag, EndToEnd endToEnd, PipelineCpu cpu) {}

    /**
     * @param events the orders placed in the measurement window
     * @param missing those whose record was not on the topic within the settle time
     * @param relayTimerFromPrometheus the relay's own timer over the same phase, or null if it published none
     */
    record RelayLag(
            int rate,
            int events,
            int missing,
            Samples.Summary lagMs,
            RelayTimer.@Nullable Histogram relayTimerFromPrometheus) {}

    /** @param missing orders without a notification within the settle time */
    record EndToEnd(int rate, int events, int missing, Samples.Summary latencyMs) {}

    @Override
    public Result run() throws Exception {
        String tag = "bench-cdc-" + load.rate();
        ApiTokens tokens = pipeline.tokens();
        RelayTimer.Scrape before =
                RelayTimer.scrape(orderService, tokens.operator().get());
        Machine.Window<PipelineCpu.Reading> cpu = PipelineCpu.window(processes, load.warmup(), load.measure());
        LoadGenerator.OpenLoopResult api = LoadGenerator.openLoop(
                load, HttpOrderClient.factory(orderService, tokens.staff(), tag, tag + "-warmup"));
        Map<UUID, Long> commits = pipeline.database().outboxCommitsOfCustomer(tag);
        PipelineCpu cpuPerOrder = cpu.result((end, start) -> PipelineCpu.between(end, start, commits.size()));
        int missing = pipeline.topic().awaitAll(commits.keySet(), pipeline.settle());
        Samples.Summary lag = Lag.commitToAppend(commits, pipeline.topic());
        Map<UUID, Long> notified = pipeline.awaitNotifications(commits.keySet());
        Samples endToEnd = new Samples();
        notified.forEach((id, notifiedAt) -> endToEnd.add((notifiedAt - commits.get(id)) / 1000.0));
        RelayTimer.Scrape after =
                RelayTimer.scrape(orderService, tokens.operator().get());
        return new Result(
                api,
                new RelayLag(load.rate(), commits.size(), missing, lag, after.since(before)),
                new EndToEnd(load.rate(), commits.size(), commits.size() - notified.size(), endToEnd.summary()),
                cpuPerOrder);
    }

    @Override
    public String name() {
        return "order API + CDC relay + consumer at " + load.rate() + "/s";
    }
}
