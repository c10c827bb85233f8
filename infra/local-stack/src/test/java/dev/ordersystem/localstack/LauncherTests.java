package dev.ordersystem.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The launchers' shared options, on a small command that has them and one more port option. */
class LauncherTests {

    @Command(name = "probe")
    static final class Probe implements Callable<Integer> {

        @Mixin
        private Launcher.StackOptions stack;

        @Option(names = "--web-port", defaultValue = "8080")
        private Launcher.Port web;

        @Nullable
        LocalStackOptions started;

        @Override
        public Integer call() {
            stack.checkPorts(true);
            started = stack.applyTo(LocalStackOptions.forTests());
            return 0;
        }
    }

    private final Probe probe = new Probe();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void givenPortsReachTheStackOptions() {
        int[] ports = Ports.findFree(3);

        int exitCode = run("--postgres-port=" + ports[0], "--kafka-port=" + ports[1], "--web-port=" + ports[2]);

        assertThat(exitCode).as(err.toString()).isZero();
        assertThat(probe.started).isNotNull();
        assertThat(probe.started.postgresPort()).isEqualTo(ports[0]);
        assertThat(probe.started.kafkaPort()).isEqualTo(ports[1]);
    }

    @Test
    void rejectsAValueThatIsNotAPort() {
        int exitCode = run("--kafka-port=70000");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString())
                .contains("Invalid value for option '--kafka-port': not a port number (1-65535): 70000");
        assertThat(probe.started).isNull();
    }

    @Test
    void rejectsTwoOptionsWithTheSamePortNamingBoth() {
        int[] ports = Ports.findFree(2);

        int exitCode = run("--postgres-port=" + ports[0], "--kafka-port=" + ports[1], "--web-port=" + ports[0]);

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("--postgres-port and --web-port are both " + ports[0]);
        assertThat(probe.started).isNull();
    }

    @Test
    void refusesATakenPortNamingTheOptionToChange() throws Exception {
        int[] ports = Ports.findFree(2);
        try (ServerSocket taken = new ServerSocket(0)) {
            int exitCode = run(
                    "--postgres-port=" + ports[0], "--kafka-port=" + ports[1], "--web-port=" + taken.getLocalPort());

            assertThat(exitCode).isEqualTo(2);
            assertThat(err.toString())
                    .contains("Port " + taken.getLocalPort() + " is already in use; choose another with"
                            + " --web-port=<port>");
            assertThat(probe.started).isNull();
        }
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        int exitCode = run("--help");

        assertThat(exitCode).isZero();
        assertThat(out.toString())
                .contains("--postgres-port", "(default 5432)", "--kafka-port", "(default 9092)", "--web-port")
                .contains("-h, --help");
        assertThat(probe.started).isNull();
    }

    private int run(String... args) {
        CommandLine commandLine = Launcher.commandLine(probe);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
