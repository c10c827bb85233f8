package dev.ordersystem.orders.relay;

import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads the relay's state that lives in PostgreSQL, from any instance: the replication slot and who holds the lease.
 * Uses the application's pool; these are short read-only queries.
 */
record SlotInspector(JdbcClient jdbc, String slotName) {

    /**
     * The replication slot of the relay.
     *
     * @param retainedWalBytes WAL kept for the slot: from its {@code restart_lsn} to the current WAL position
     * @param unconfirmedWalBytes WAL written since the slot's {@code confirmed_flush_lsn}
     */
    public record Slot(
            String name,
            String plugin,
            boolean active,
            @Nullable Integer activePid,
            @Nullable String restartLsn,
            @Nullable String confirmedFlushLsn,
            @Nullable Long retainedWalBytes,
            @Nullable Long unconfirmedWalBytes,
            @Nullable String walStatus) {}

    /**
     * The holder of the unexpired lease ({@code relay_lease}).
     *
     * @param epoch the lease's epoch: one more at every acquisition
     * @param expiresAt when the lease expires unless renewed, on the database's clock
     */
    public record Leader(String instanceId, long epoch, Instant expiresAt) {}

    Optional<Slot> slot() {
        return jdbc.sql("select slot_name, plugin, active, active_pid, restart_lsn::text as restart_lsn,"
                        + " confirmed_flush_lsn::text as confirmed_flush_lsn,"
                        + " pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint as retained,"
                        + " pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint as unconfirmed,"
                        + " wal_status from pg_replication_slots"
                        + " where slot_name = :slot and database = current_database()")
                .param("slot", slotName)
                .query((rs, row) -> new Slot(
                        rs.getString("slot_name"),
                        rs.getString("plugin"),
                        rs.getBoolean("active"),
                        (Integer) rs.getObject("active_pid"),
                        rs.getString("restart_lsn"),
                        rs.getString("confirmed_flush_lsn"),
                        (Long) rs.getObject("retained"),
                        (Long) rs.getObject("unconfirmed"),
                        rs.getString("wal_status")))
                .optional();
    }

    Optional<Leader> leader() {
        return jdbc.sql(
                        "select holder, epoch, expires_at from relay_lease where slot_name = :slot and expires_at > now()")
                .param("slot", slotName)
                .query((rs, row) -> new Leader(
                        rs.getString("holder"),
                        rs.getLong("epoch"),
                        rs.getTimestamp("expires_at").toInstant()))
                .optional();
    }
}
