package dev.ordersystem.benchmark;

import dev.ordersystem.localstack.ServiceProcess;

/**
 * The order API at saturation: the saturation phases' threads, each with one kept-alive connection, {@code POST
 * /orders} back to back to one order-service instance, with a staff token.
 *
 * @param name the phase's name, which says what runs next to the API
 * @param tag the customer of the orders placed
 */
record ApiSaturation(
        String name, ServiceProcess orderService, ApiTokens tokens, String tag, LoadGenerator.ClosedLoop load)
        implements Phase<LoadGenerator.ClosedLoopResult> {

    @Override
    public LoadGenerator.ClosedLoopResult run() throws Exception {
        return LoadGenerator.closedLoop(load, HttpOrderClient.factory(orderService, tokens.staff(), tag, tag));
    }
}
