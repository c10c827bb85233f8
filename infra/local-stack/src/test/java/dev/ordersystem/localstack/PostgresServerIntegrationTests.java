package dev.ordersystem.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real PostgreSQL stopped, killed and started again by {@link PostgresServer}: same port, same data, crash recovery
 * after a kill, clients that connect again; and the {@link Watchdog} still cleans up a server that was restarted.
 */
class PostgresServerIntegrationTests {

    @TempDir
    static Path stackDir;

    private static PostgresServer server;

    @BeforeAll
    static void startServer() {
        server = PostgresServer.start(
                Ports.freePort(), stackDir.resolve("postgres"), stackDir.resolve("postgres.log"), false);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void stopAndStartKeepTheCommittedRowsAndThePortAndClientsConnectAgain() throws SQLException {
        execute("CREATE TABLE kept (id int PRIMARY KEY)", "INSERT INTO kept VALUES (1), (2)");
        try (Connection before = connect(server)) {
            server.stop();

            assertThat(server.isRunning()).isFalse();
            assertThat(Ports.isFree(server.port())).as("port after the stop").isTrue();
            assertThatThrownBy(() -> count(before, "kept")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> connect(server)).isInstanceOf(SQLException.class);

            server.start();

            assertThat(server.isRunning()).isTrue();
            try (Connection after = connect(server)) {
                assertThat(count(after, "kept")).isEqualTo(2);
            }
        }
    }

    @Test
    void killEndsEveryProcessAndStartRecoversTheCommittedRowsOnly() throws Exception {
        execute("CREATE TABLE crashed (id int PRIMARY KEY)", "INSERT INTO crashed VALUES (1)");
        List<ProcessHandle> processes = processes(stackDir.resolve("postgres"));
        try (Connection open = connect(server);
                Statement statement = open.createStatement()) {
            open.setAutoCommit(false);
            statement.execute("INSERT INTO crashed VALUES (2)"); // never committed

            server.kill();

            assertThat(processes).as("postmaster and its workers").noneMatch(PostgresServer::isAlive);
            assertThatThrownBy(() -> count(open, "crashed")).isInstanceOf(SQLException.class);
        }

        server.start();

        try (Connection after = connect(server)) {
            assertThat(count(after, "crashed")).isEqualTo(1);
        }
        assertThat(Files.readString(stackDir.resolve("postgres.log")))
                .contains("database system was not properly shut down; automatic recovery in progress");
    }

    @Test
    void watchdogShutsDownAServerThatWasRestartedOnceItsOwnerIsGone() throws Exception {
        Path otherStack = Files.createTempDirectory("local-stack-watchdog-");
        PostgresServer restarted = PostgresServer.start(
                Ports.freePort(), otherStack.resolve("postgres"), otherStack.resolve("pg.log"), false);
        Process owner = new ProcessBuilder("sleep", "600").start();
        try (Watchdog watchdog = Watchdog.start(owner.pid(), otherStack)) {
            restarted.kill();
            restarted.start();
            List<ProcessHandle> processes = processes(otherStack.resolve("postgres"));

            owner.destroyForcibly();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(processes).as("restarted postmaster and its workers").noneMatch(PostgresServer::isAlive);
                assertThat(otherStack).doesNotExist();
            });
        } finally {
            owner.destroyForcibly();
            restarted.kill(); // releases zonky's handle; the server is gone already
        }
    }

    /** The postmaster of a data directory (from its pid file) and its workers. */
    private static List<ProcessHandle> processes(Path dataDir) throws IOException {
        long pid = Long.parseLong(
                Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        List<ProcessHandle> processes = new ArrayList<>(postmaster.descendants().toList());
        processes.add(postmaster);
        assertThat(processes).hasSizeGreaterThan(1);
        return processes;
    }

    private static void execute(String... statements) throws SQLException {
        try (Connection connection = connect(server);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static Connection connect(PostgresServer postgres) throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + postgres.port() + "/postgres", LocalStack.USERNAME, "");
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
