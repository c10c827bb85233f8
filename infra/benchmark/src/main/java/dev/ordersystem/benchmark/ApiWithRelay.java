package dev.ordersystem.benchmark;

import dev.ordersystem.localstack.ServiceProcess;

/**
 * What a relay running next to the order API costs it: the API at saturation and at a fixed offered rate, on a warm
 * order-service, while one relay (the polling baseline on order-service's own outbox table, or the embedded CDC
 * relay) publishes what it commits; no consumer. The two relays are measured this way in the same run, so their
 * difference is what each relay takes from the API (PostgreSQL's and the machine's share included).
 *
 * @param relay which relay runs: {@code polling} or {@code CDC}
 */
record ApiWithRelay(
        String relay,
        ServiceProcess orderService,
        ApiTokens tokens,
        LoadGenerator.ClosedLoop saturation,
        LoadGenerator.OpenLoop atRate)
        implements Phase<ApiWithRelay.Result> {

    /** @param atRate the API's latency at the fixed offered rate */
    record Result(String relay, ApiSaturation.Result saturation, LoadGenerator.OpenLoopResult atRate) {}

    @Override
    public String name() {
        return "order API with the " + relay + " relay running (no consumer)";
    }

    @Override
    public Result run() throws Exception {
        String tag = "bench-api-with-" + relay.toLowerCase(java.util.Locale.ROOT);
        ApiSaturation.Result saturated = new ApiSaturation(name(), orderService, tokens, tag, null, saturation).run();
        LoadGenerator.OpenLoopResult rated = LoadGenerator.openLoop(
                atRate, HttpOrderClient.factory(orderService, tokens.staff(), tag + "-rate", tag + "-rate-warmup"));
        return new Result(relay, saturated, rated);
    }
}
