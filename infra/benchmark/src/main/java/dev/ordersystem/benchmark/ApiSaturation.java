package dev.ordersystem.benchmark;

import dev.ordersystem.localstack.ServiceProcess;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The order API at saturation: the saturation phases' threads, each with one kept-alive connection, {@code POST
 * /orders} back to back to one order-service instance, with a staff token. The service first places {@link
 * #WARM_UP_ORDERS} orders untimed ({@link HttpOrderClient#warmUp}), so that a freshly started instance's first requests
 * do not fall into the warm-up (on a busy machine they took longer than a round), then the same load runs until the
 * JIT compilers are quiet ({@code jit}), then the measured load. The CPU time the order-service process takes in the
 * measurement window is read from {@code /proc} at its start and end.
 *
 * @param name the phase's name, which says what runs next to the API
 * @param tag the customer of the orders placed
 * @param jit the warm-up before the measured load; none for an instance warmed up before (the relays' phases)
 */
record ApiSaturation(
        String name,
        ServiceProcess orderService,
        ApiTokens tokens,
        String tag,
        @Nullable JitWarmUp jit,
        LoadGenerator.ClosedLoop load)
        implements Phase<ApiSaturation.Result> {

    static final int WARM_UP_ORDERS = 50;
    static final Duration WARM_UP_TIMEOUT = Duration.ofSeconds(90);

    /** How the service was warmed up, the load's figures and the CPU order-service took in the measurement window. */
    record Result(JitWarmUp.@Nullable Result warmUp, LoadGenerator.ClosedLoopResult load, Cpu orderServiceCpu) {}

    /**
     * @param cpuSeconds user + system CPU time of the order-service process (all its threads) in the measurement window
     * @param microsPerOrder {@code cpuSeconds} per order completed in the window, in µs
     */
    record Cpu(double cpuSeconds, int orders, double microsPerOrder) {}

    @Override
    public Result run() throws Exception {
        HttpOrderClient.warmUp(orderService, tokens.staff(), tag, WARM_UP_ORDERS, WARM_UP_TIMEOUT);
        var orders = HttpOrderClient.factory(orderService, tokens.staff(), tag, tag);
        JitWarmUp.Result warmUp = jit == null
                ? null
                : jit.run(length -> LoadGenerator.closedLoop(
                                new LoadGenerator.ClosedLoop(load.threads(), Duration.ZERO, length), orders)
                        .completed());
        Machine.Window<Double> window = Machine.Window.cpuOf(orderService.pid(), load.warmup(), load.measure());
        LoadGenerator.ClosedLoopResult result = LoadGenerator.closedLoop(load, orders);
        double cpuSeconds = window.result((end, start) -> end - start);
        return new Result(
                warmUp,
                result,
                new Cpu(
                        cpuSeconds,
                        result.completed(),
                        result.completed() > 0 ? cpuSeconds * 1e6 / result.completed() : 0));
    }
}
