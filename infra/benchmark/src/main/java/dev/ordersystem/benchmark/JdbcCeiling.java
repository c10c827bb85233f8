package dev.ordersystem.benchmark;

/**
 * The JDBC ceiling: the transaction order-service runs for {@code POST /orders} (order, lines, outbox row), in plain
 * JDBC without HTTP or Spring, by the saturation phases' threads back to back.
 */
record JdbcCeiling(Database database, LoadGenerator.ClosedLoop load) implements Phase<LoadGenerator.ClosedLoopResult> {

    private static final String TAG = "bench-jdbc";

    @Override
    public String name() {
        return "JDBC ceiling";
    }

    @Override
    public LoadGenerator.ClosedLoopResult run() throws Exception {
        return LoadGenerator.closedLoop(load, () -> JdbcOrderClient.open(database, Database.OUTBOX, TAG, TAG));
    }
}
