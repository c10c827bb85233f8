package dev.ordersystem.benchmark;

import dev.ordersystem.localstack.ServiceProcess;
import java.time.Duration;

/**
 * The order API at saturation: the saturation phases' threads, each with one kept-alive connection, {@code POST
 * /orders} back to back to one order-service instance, with a staff token. The service first places {@link
 * #WARM_UP_ORDERS} orders untimed ({@link HttpOrderClient#warmUp}), so that a freshly started instance's first requests
 * do not fall into the phase's warm-up and measurement windows (on a busy machine they took longer than both).
 *
 * @param name the phase's name, which says what runs next to the API
 * @param tag the customer of the orders placed
 */
record ApiSaturation(
        String name, ServiceProcess orderService, ApiTokens tokens, String tag, LoadGenerator.ClosedLoop load)
        implements Phase<LoadGenerator.ClosedLoopResult> {

    static final int WARM_UP_ORDERS = 50;
    static final Duration WARM_UP_TIMEOUT = Duration.ofSeconds(90);

    @Override
    public LoadGenerator.ClosedLoopResult run() throws Exception {
        HttpOrderClient.warmUp(orderService, tokens.staff(), tag, WARM_UP_ORDERS, WARM_UP_TIMEOUT);
        return LoadGenerator.closedLoop(load, HttpOrderClient.factory(orderService, tokens.staff(), tag, tag));
    }
}
