package dev.ordersystem.localstack;

import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/** Where the servers of a {@link LocalStack} run. */
public enum StackMode {
    /** PostgreSQL runs as a process on this machine and Kafka inside this JVM; no Docker needed. */
    LOCAL,
    /** PostgreSQL and Kafka run in Docker containers started by Testcontainers. */
    TESTCONTAINERS;

    /** System property that selects the mode: {@code local}, {@code testcontainers} or {@code auto}. */
    public static final String SYSTEM_PROPERTY = "stack.mode";

    /** Environment variable that selects the mode when the system property is not set. */
    public static final String ENV_VAR = "STACK_MODE";

    /**
     * Chooses the mode from a setting ({@code local}, {@code testcontainers} or {@code auto}, case-insensitive).
     * The system property wins over the environment variable; {@code auto}, or neither being set, means
     * {@link #TESTCONTAINERS} when Docker is reachable and {@link #LOCAL} otherwise.
     *
     * @param systemProperty value of {@value #SYSTEM_PROPERTY}, or {@code null}
     * @param envVar value of {@value #ENV_VAR}, or {@code null}
     * @param dockerAvailable asked only when the setting is {@code auto} or absent
     * @throws IllegalArgumentException when the setting is not one of the valid values
     */
    public static StackMode choose(
            @Nullable String systemProperty, @Nullable String envVar, BooleanSupplier dockerAvailable) {
        String setting = isSet(systemProperty) ? systemProperty : isSet(envVar) ? envVar : "auto";
        return switch (setting.trim().toLowerCase(Locale.ROOT)) {
            case "local" -> LOCAL;
            case "testcontainers" -> TESTCONTAINERS;
            case "auto" -> dockerAvailable.getAsBoolean() ? TESTCONTAINERS : LOCAL;
            default ->
                throw new IllegalArgumentException("Unknown stack mode '" + setting
                        + "'; valid values are local, testcontainers and auto (set with -D" + SYSTEM_PROPERTY + " or "
                        + ENV_VAR + ")");
        };
    }

    /** Chooses the mode from {@value #SYSTEM_PROPERTY}, {@value #ENV_VAR} and whether Docker is reachable. */
    public static StackMode fromEnvironment() {
        return choose(System.getProperty(SYSTEM_PROPERTY), System.getenv(ENV_VAR), Docker::isAvailable);
    }

    private static boolean isSet(@Nullable String value) {
        return value != null && !value.isBlank();
    }
}
