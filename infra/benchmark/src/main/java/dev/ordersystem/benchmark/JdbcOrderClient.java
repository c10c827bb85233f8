package dev.ordersystem.benchmark;

import java.sql.SQLException;
import java.util.UUID;

/**
 * A load-generator client that places one order per call in plain JDBC, in a transaction of its own, for the measured
 * customer tag or the warm-up one; returns the order's event id.
 */
record JdbcOrderClient(OrderRows.Writer writer, String tag, String warmupTag) implements LoadGenerator.Client {

    /** A client on a new connection that writes the events into {@code outboxTable}. */
    static JdbcOrderClient open(Database database, String outboxTable, String tag, String warmupTag)
            throws SQLException {
        return new JdbcOrderClient(database.orderWriter(outboxTable), tag, warmupTag);
    }

    @Override
    public UUID call(boolean measured) throws SQLException {
        return writer.placeOne(measured ? tag : warmupTag);
    }

    @Override
    public void close() throws SQLException {
        writer.close();
    }
}
