package dev.ordersystem.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL outages through {@link LocalStack}: with {@code notifications} on a server of its own, each server is
 * stopped, killed and started again without touching the other one.
 */
class LocalStackOutageIntegrationTests {

    private static LocalStack stack;

    @BeforeAll
    static void startStack() {
        stack = LocalStack.start(
                LocalStackOptions.forTests().withMode(StackMode.LOCAL).withSeparateServers("notifications"));
    }

    @AfterAll
    static void stopStack() {
        stack.close();
    }

    @Test
    void runsTheSeparateDatabaseOnAServerOfItsOwn() throws SQLException {
        assertThat(databases(stack.jdbcUrl("notifications")))
                .contains("notifications")
                .doesNotContain("orders");
        assertThat(databases(stack.jdbcUrl("orders"))).contains("orders").doesNotContain("notifications");
    }

    @Test
    void stoppingOneServerLeavesTheOtherUpAndItsRowsSurviveTheRestart() throws SQLException {
        assertOutageOfOneServer("notifications", "orders", stack::stopPostgres);
    }

    @Test
    void killingOneServerLeavesTheOtherUpAndItRecoversOnStart() throws SQLException {
        assertOutageOfOneServer("orders", "notifications", stack::killPostgres);
    }

    /** While {@code outage} has {@code database} down, {@code other} answers; a row of it survives the start. */
    private static void assertOutageOfOneServer(String database, String other, Consumer<String> outage)
            throws SQLException {
        execute(database, "CREATE TABLE IF NOT EXISTS survivor (id int)", "INSERT INTO survivor VALUES (7)");

        outage.accept(database);
        try {
            assertThatThrownBy(() -> connect(database)).isInstanceOf(SQLException.class);
            assertThat(count(other, "SELECT count(*) FROM pg_database")).isPositive();
        } finally {
            stack.startPostgres(database);
        }

        assertThat(count(database, "SELECT count(*) FROM survivor WHERE id = 7"))
                .isEqualTo(1);
    }

    private static List<String> databases(String jdbcUrl) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, stack.username(), stack.password());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT datname FROM pg_database")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private static void execute(String database, String... statements) throws SQLException {
        try (Connection connection = connect(database);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static long count(String database, String sql) throws SQLException {
        try (Connection connection = connect(database);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(stack.jdbcUrl(database), stack.username(), stack.password());
    }
}
