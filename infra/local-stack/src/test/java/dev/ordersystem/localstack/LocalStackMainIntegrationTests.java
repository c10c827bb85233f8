package dev.ordersystem.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@link LocalStackMain} as a child JVM and checks that nothing is left behind however it ends. */
class LocalStackMainIntegrationTests {

    private static final Duration START_WAIT = Duration.ofSeconds(90);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final List<Process> launched = new ArrayList<>();

    @TempDir
    Path logs;

    @AfterEach
    void killLeftovers() {
        launched.forEach(Process::destroyForcibly);
    }

    @Test
    void stopsPostgresAndDeletesItsDirectoryOnSigterm() throws Exception {
        RunningMain main = launchUntilReady();
        assertThatDatabaseAnswers(main);

        main.process().destroy(); // SIGTERM

        assertThat(main.process().waitFor(STOP_WAIT.toSeconds(), TimeUnit.SECONDS))
                .isTrue();
        assertThat(main.output()).contains("Stopping local stack...", "Local stack stopped.");
        assertThatEverythingIsGone(main);
    }

    @Test
    void watchdogStopsPostgresAndDeletesItsDirectoryWhenTheJvmIsKilled() throws Exception {
        RunningMain main = launchUntilReady();
        assertThatDatabaseAnswers(main);

        main.process().destroyForcibly(); // SIGKILL: no shutdown hook runs

        assertThat(main.process().waitFor(STOP_WAIT.toSeconds(), TimeUnit.SECONDS))
                .isTrue();
        assertThatEverythingIsGone(main);
    }

    @Test
    void refusesATakenPostgresPortAtOnceWithExitCode2() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Launch launch = launch(taken.getLocalPort(), Ports.findFree(1)[0]);

            assertThat(launch.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(launch.process().exitValue()).isEqualTo(2);
            assertThat(String.join("\n", launch.output()))
                    .contains("Port " + taken.getLocalPort() + " is already in use; choose another with"
                            + " --postgres-port=<port>");
        }
    }

    @Test
    void refusesATakenKafkaPortAtOnceWithExitCode2() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Launch launch = launch(Ports.findFree(1)[0], taken.getLocalPort());

            assertThat(launch.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(launch.process().exitValue()).isEqualTo(2);
            assertThat(String.join("\n", launch.output()))
                    .contains("Port " + taken.getLocalPort() + " is already in use; choose another with"
                            + " --kafka-port=<port>");
        }
    }

    private RunningMain launchUntilReady() throws IOException {
        int[] ports = Ports.findFree(2);
        Launch launch = launch(ports[0], ports[1]);
        await().atMost(START_WAIT)
                .until(() -> launch.output().contains(LocalStackMain.READY_LINE)
                        || !launch.process().isAlive());
        assertThat(launch.output()).as("output of the main").contains(LocalStackMain.READY_LINE);

        Path directory = launch.output().stream()
                .filter(line -> line.trim().startsWith("Data directory "))
                .map(line -> Path.of(line.trim().split(" ")[2]))
                .findFirst()
                .orElseThrow();
        long postmasterPid = Long.parseLong(Files.readAllLines(directory.resolve("postgres/postmaster.pid"))
                .get(0)
                .trim());
        List<Long> postgresPids = new ArrayList<>(List.of(postmasterPid));
        ProcessHandle.of(postmasterPid)
                .ifPresent(postmaster -> postmaster.descendants().forEach(p -> postgresPids.add(p.pid())));
        assertThat(postgresPids).as("postmaster and its workers").hasSizeGreaterThan(1);
        return new RunningMain(launch, ports[0], directory, postgresPids);
    }

    /** Output goes to a file: {@link Process#destroy()} closes the pipes, and with them what the main prints last. */
    private Launch launch(int postgresPort, int kafkaPort) throws IOException {
        Path log = Files.createTempFile(logs, "main-", ".log");
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        LocalStackMain.class.getName(),
                        "--postgres-port=" + postgresPort,
                        "--kafka-port=" + kafkaPort)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        launched.add(process);
        return new Launch(process, log);
    }

    private static void assertThatDatabaseAnswers(RunningMain main) throws SQLException {
        String url = "jdbc:postgresql://localhost:" + main.postgresPort() + "/orders";
        try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres")) {
            assertThat(connection.isValid(5)).isTrue();
        }
    }

    private static void assertThatEverythingIsGone(RunningMain main) {
        await().atMost(STOP_WAIT).untilAsserted(() -> {
            assertThat(main.postgresPids())
                    .as("postgres processes still running")
                    .noneMatch(Processes::isRunning);
            assertThat(Processes.commandLinesContaining(main.directory().toString()))
                    .as("processes that use the stack directory")
                    .isEmpty();
            assertThat(Processes.commandLinesContaining("-p " + main.postgresPort() + " "))
                    .as("processes that use the PostgreSQL port")
                    .isEmpty();
            assertThat(main.directory()).doesNotExist();
        });
    }

    private record Launch(Process process, Path log) {
        List<String> output() {
            try {
                return Files.readAllLines(log);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private record RunningMain(Launch launch, int postgresPort, Path directory, List<Long> postgresPids) {
        Process process() {
            return launch.process();
        }

        List<String> output() {
            return launch.output();
        }
    }

    /** Process checks through /proc, where an exited but not yet reaped process (a zombie) counts as gone. */
    private static final class Processes {

        static boolean isRunning(long pid) {
            Path stat = Path.of("/proc", Long.toString(pid), "stat");
            try {
                String content = Files.readString(stat);
                char state = content.charAt(content.lastIndexOf(')') + 2);
                return state != 'Z' && state != 'X';
            } catch (IOException e) {
                return false;
            }
        }

        static List<String> commandLinesContaining(String text) throws IOException {
            try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
                return processes
                        .filter(path -> path.getFileName().toString().matches("\\d+"))
                        .map(Processes::commandLine)
                        .filter(commandLine -> commandLine.contains(text))
                        .toList();
            }
        }

        private static String commandLine(Path process) {
            try {
                return new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8)
                        .replace('\0', ' ');
            } catch (IOException e) {
                return "";
            }
        }
    }
}
