package dev.ordersystem.orders.relay;

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

    @Override
    public String toString() {
        return "RelayDatabase[" + jdbcUrl + ", user " + username + "]";
    }
}
