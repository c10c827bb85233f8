package dev.ordersystem.orders.relay;

import java.time.Duration;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * Where the order database is, for the relay's own connections: the lease connection and Debezium's connections (both
 * outside the Hikari pool).
 *
 * @param jdbcUrl {@code spring.datasource.url}
 */
record RelayDatabase(String jdbcUrl, String username, String password, String host, int port, String database) {

    /** Reads host, port and database from a {@code jdbc:postgresql:} URL. */
    static RelayDatabase of(String jdbcUrl, String username, String password) {
        Properties parsed = Driver.parseURL(jdbcUrl, null);
        if (parsed == null) {
            throw new IllegalArgumentException("Not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
        String hosts = parsed.getProperty("PGHOST", "localhost");
        String ports = parsed.getProperty("PGPORT", "5432");
        if (hosts.contains(",")) {
            throw new IllegalArgumentException(
                    "The relay needs one PostgreSQL primary, but the JDBC URL names several hosts: " + jdbcUrl);
        }
        return new RelayDatabase(
                jdbcUrl, username, password, hosts, Integer.parseInt(ports), parsed.getProperty("PGDBNAME"));
    }

    /**
     * Server-side TCP settings for the relay's sessions (the lease connection and Debezium's), as the value of the
     * connection parameter {@code options}: PostgreSQL drops a session whose peer stopped acknowledging data for {@code
     * deadPeerTimeout} ({@code tcp_user_timeout}) or stopped answering keepalives (probes from half of it on). A
     * second line of defence after the lease: they free a slot held by a leader behind a real network cut, but a
     * peer whose kernel still acknowledges (a proxy that stopped forwarding) is not detected by them.
     */
    static String sessionOptions(Duration deadPeerTimeout) {
        long seconds = Math.max(2, deadPeerTimeout.toSeconds());
        return "-c tcp_user_timeout=" + deadPeerTimeout.toMillis()
                + " -c tcp_keepalives_idle=" + seconds / 2
                + " -c tcp_keepalives_interval=" + Math.max(1, seconds / 10)
                + " -c tcp_keepalives_count=3";
    }

    @Override
    public String toString() {
        return "RelayDatabase[" + jdbcUrl + ", user " + username + "]";
    }
}
