package dev.ordersystem.orders.relay;

import java.util.Locale;

/** PostgreSQL WAL positions ({@code pg_lsn}) as numbers and as the {@code X/Y} text PostgreSQL shows. */
final class Lsns {

    private Lsns() {}

    static String format(long lsn) {
        return Long.toHexString(lsn >>> 32).toUpperCase(Locale.ROOT) + "/"
                + Long.toHexString(lsn & 0xFFFFFFFFL).toUpperCase(Locale.ROOT);
    }
}
