package dev.ordersystem.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A backlog for a relay to drain, written while the relay is stopped: orders with their lines and events, 100 per
 * transaction, in plain JDBC.
 *
 * @param name the phase's name, which says which relay is stopped
 * @param outboxTable where the events go: the outbox the relay reads
 * @param tag the customer of the orders
 */
record WriteBacklog(String name, Database database, String outboxTable, String tag, int size)
        implements Phase<WriteBacklog.Backlog> {

    /** Orders per transaction. */
    static final int BATCH = 100;

    /** The event ids of a backlog and how long writing it took. */
    record Backlog(List<UUID> ids, double seconds) {}

    @Override
    public Backlog run() throws Exception {
        long start = System.nanoTime();
        List<UUID> ids = new ArrayList<>(size);
        try (OrderRows.Writer writer = database.orderWriter(outboxTable)) {
            while (ids.size() < size) {
                ids.addAll(writer.placeBatch(tag, Math.min(BATCH, size - ids.size())));
            }
        }
        return new Backlog(ids, (System.nanoTime() - start) / 1e9);
    }
}
