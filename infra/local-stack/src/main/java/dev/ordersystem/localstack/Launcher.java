package dev.ordersystem.localstack;

import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * What the command-line launchers (the local stack, the demo) share: their options parsed by picocli, a quiet log, and
 * port options that are checked before anything starts. Exit codes: 0 (also after {@code --help}), 1 when something
 * did not start, 2 for a bad option, two options with the same port, or a port that is taken.
 */
public final class Launcher {

    /** The Logback file of the launchers: the embedded servers log warnings only. */
    public static final String QUIET_LOGBACK = "local-stack-logback.xml";

    private Launcher() {}

    /** Uses this Logback file (on the class path) unless one was chosen with {@code -Dlogback.configurationFile}. */
    public static void useLogbackFile(String file) {
        // before any logger exists, so that Kafka and zonky stay quiet
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", file);
        }
    }

    /**
     * Runs a picocli command (a {@code Callable<Integer>} with {@code @Command} and {@code @Option}s; enum values are
     * case-insensitive) on the command line, then exits with its exit code.
     */
    public static void run(Object command, String[] args) {
        useLogbackFile(QUIET_LOGBACK);
        System.exit(commandLine(command).execute(args));
    }

    /** The picocli command line of a launcher: {@link Port} options, case-insensitive enum values. */
    static CommandLine commandLine(Object command) {
        return new CommandLine(command)
                .registerConverter(Port.class, Launcher::port)
                .setCaseInsensitiveEnumValuesAllowed(true);
    }

    /** A TCP port (1 to 65535) given on the command line: an option of this type is a port option. */
    public record Port(int number) {}

    private static Port port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 1 && port <= 65535) {
                return new Port(port);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new TypeConversionException("not a port number (1-65535): " + value);
    }

    /**
     * The options of every launcher that starts a {@link LocalStack}: {@code --postgres-port}, {@code --kafka-port} and
     * {@code --help}; a picocli mixin.
     */
    public static final class StackOptions {

        @Option(
                names = "--postgres-port",
                defaultValue = "5432",
                description = "PostgreSQL port (default ${DEFAULT-VALUE})")
        private Port postgresPort;

        @Option(names = "--kafka-port", defaultValue = "9092", description = "Kafka port (default ${DEFAULT-VALUE})")
        private Port kafkaPort;

        @Option(
                names = {"-h", "--help"},
                usageHelp = true,
                order = 1000, // listed last
                description = "Show this help and exit")
        private boolean help;

        @Spec(Spec.Target.MIXEE)
        private CommandSpec command;

        /** The options, with these ports. */
        public LocalStackOptions applyTo(LocalStackOptions options) {
            return options.withPorts(postgresPort.number(), kafkaPort.number());
        }

        /**
         * Checks every port option of the command: no two have the same port, and, if {@code mustBeFree}, nothing
         * listens on any of them yet.
         *
         * @throws ParameterException that names the option to change (exit code 2)
         */
        public void checkPorts(boolean mustBeFree) {
            Map<Port, String> optionByPort = new HashMap<>();
            for (OptionSpec option : command.options()) {
                if (option.type() != Port.class) {
                    continue;
                }
                Port port = option.getValue();
                String other = optionByPort.putIfAbsent(port, option.longestName());
                if (other != null) {
                    throw new ParameterException(
                            command.commandLine(),
                            "%s and %s are both %d; every port must be different"
                                    .formatted(other, option.longestName(), port.number()));
                }
                if (mustBeFree && !Ports.isFree(port.number())) {
                    throw new ParameterException(
                            command.commandLine(),
                            "Port %d is already in use; choose another with %s=<port>"
                                    .formatted(port.number(), option.longestName()));
                }
            }
        }
    }
}
