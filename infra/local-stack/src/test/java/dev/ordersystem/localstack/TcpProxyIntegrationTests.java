package dev.ordersystem.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersystem.localstack.junit.LocalStackExtension;
import dev.ordersystem.localstack.junit.UseLocalStack;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link TcpProxy} between JDBC and the real PostgreSQL of the local stack, in each of its modes. */
@UseLocalStack
class TcpProxyIntegrationTests {

    /** Longer than any fast failure can take, so that a failure after it can only be a timeout. */
    private static final int SHORT_TIMEOUT_SECONDS = 2;

    private final LocalStack stack = LocalStackExtension.stack();
    private TcpProxy proxy;

    @BeforeEach
    void startProxy() {
        proxy = stack.postgresProxy("orders");
    }

    @AfterEach
    void closeProxy() {
        proxy.close();
    }

    @Test
    void forwardsQueriesAndCountsConnectionsAndBytes() throws SQLException {
        try (Connection connection = connect(SHORT_TIMEOUT_SECONDS)) {
            assertThat(answer(connection)).isEqualTo(42);

            assertThat(proxy.mode()).isEqualTo(TcpProxy.Mode.FORWARD);
            assertThat(proxy.connectionsAccepted()).isEqualTo(1);
            assertThat(proxy.openConnections()).isEqualTo(1);
            assertThat(proxy.bytesToTarget()).isPositive();
            assertThat(proxy.bytesFromTarget()).isPositive();
            assertThat(proxy.toString()).contains(proxy.address(), "FORWARD", "connections 1 (1 open)");
        }
    }

    @Test
    void blackholeKeepsConnectionsOpenButNothingAnswersUntilTheClientTimesOut() throws SQLException {
        try (Connection connection = connect(SHORT_TIMEOUT_SECONDS)) {
            answer(connection);
            long bytesBefore = proxy.bytesToTarget();

            proxy.blackhole();

            long started = System.nanoTime();
            assertThatThrownBy(() -> answer(connection))
                    .isInstanceOf(SQLException.class)
                    .hasRootCauseInstanceOf(SocketTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("time until the query failed")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(SHORT_TIMEOUT_SECONDS * 1000L - 100));
            assertThat(proxy.bytesToTarget())
                    .as("bytes forwarded after the cut")
                    .isEqualTo(bytesBefore);

            long connectStarted = System.nanoTime();
            assertThatThrownBy(() -> connect(SHORT_TIMEOUT_SECONDS)).isInstanceOf(SQLException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - connectStarted))
                    .as("a new connection is accepted, not refused, and then never answered")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(SHORT_TIMEOUT_SECONDS * 1000L - 100));
            assertThat(proxy.connectionsAccepted()).isEqualTo(2);
            assertThat(proxy.openConnections()).as("both held open").isEqualTo(2);
        }
    }

    @Test
    void refuseResetsOpenConnectionsAndRefusesNewOnesAtOnce() throws SQLException {
        int longTimeout = 30;
        try (Connection connection = connect(longTimeout)) {
            answer(connection);

            proxy.refuse();

            long started = System.nanoTime();
            assertThatThrownBy(() -> answer(connection)).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> connect(longTimeout))
                    .isInstanceOf(SQLException.class)
                    .hasRootCauseInstanceOf(ConnectException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("time until both failed")
                    .isLessThan(Duration.ofSeconds(10));
            assertThat(proxy.openConnections()).isZero();
        }
    }

    @Test
    void forwardAgainServesNewConnectionsWhileACutOneStaysDead() throws SQLException {
        try (Connection cut = connect(SHORT_TIMEOUT_SECONDS)) {
            answer(cut);
            proxy.blackhole();

            proxy.forward();

            try (Connection fresh = connect(SHORT_TIMEOUT_SECONDS)) {
                assertThat(answer(fresh)).isEqualTo(42);
            }
            assertThatThrownBy(() -> answer(cut))
                    .isInstanceOf(SQLException.class)
                    .hasRootCauseInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void forwardAfterRefuseListensOnTheSamePortAgain() throws SQLException {
        String address = proxy.address();
        proxy.refuse();
        assertThatThrownBy(() -> connect(SHORT_TIMEOUT_SECONDS)).hasRootCauseInstanceOf(ConnectException.class);

        proxy.forward();

        assertThat(proxy.address()).isEqualTo(address);
        try (Connection connection = connect(SHORT_TIMEOUT_SECONDS)) {
            assertThat(answer(connection)).isEqualTo(42);
        }
    }

    /** Through the proxy; every wait (connect, login, each read) bounded by {@code timeoutSeconds}. */
    private Connection connect(int timeoutSeconds) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", stack.username());
        properties.setProperty("password", stack.password());
        properties.setProperty("connectTimeout", Integer.toString(timeoutSeconds));
        properties.setProperty("loginTimeout", Integer.toString(timeoutSeconds));
        properties.setProperty("socketTimeout", Integer.toString(timeoutSeconds));
        return DriverManager.getConnection("jdbc:postgresql://" + proxy.address() + "/orders", properties);
    }

    private static int answer(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT 42")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
