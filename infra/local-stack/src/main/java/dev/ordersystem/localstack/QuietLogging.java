package dev.ordersystem.localstack;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded servers from flooding the console: without a logging configuration Logback logs everything at
 * DEBUG, and an in-JVM Kafka broker logs a lot. Sets WARN on the loggers below unless they or a parent (other than
 * root) already have a level; other logging backends than Logback are left alone. Spring Boot replaces these levels
 * with its own configuration when it starts.
 */
final class QuietLogging {

    /** The embedded broker and zonky; Kafka's client loggers are under org.apache.kafka too. */
    static final List<String> EMBEDDED_SERVER_LOGGERS =
            List.of("kafka", "state.change.logger", "org.apache.kafka", "io.zonky");

    private QuietLogging() {}

    static void quietEmbeddedServers() {
        try {
            if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
                EMBEDDED_SERVER_LOGGERS.stream()
                        .filter(name -> !hasLevel(context, name))
                        .forEach(name -> context.getLogger(name).setLevel(Level.WARN));
            }
        } catch (LinkageError e) {
            // Logback is not on the class path
        }
    }

    /**
     * Runs {@code action} with zonky's logging off: for a step whose failure is expected and would otherwise be logged
     * as an error with a stack trace (closing zonky's handle of a server that was killed).
     */
    static void withoutZonkyLogs(Runnable action) {
        Logger zonky = null;
        Level level = null;
        try {
            if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
                zonky = context.getLogger("io.zonky");
                level = zonky.getLevel();
                zonky.setLevel(Level.OFF);
            }
        } catch (LinkageError e) {
            // Logback is not on the class path
        }
        try {
            action.run();
        } finally {
            if (zonky != null) {
                zonky.setLevel(level);
            }
        }
    }

    private static boolean hasLevel(LoggerContext context, String name) {
        for (String candidate = name; ; candidate = candidate.substring(0, candidate.lastIndexOf('.'))) {
            Logger logger = context.exists(candidate);
            if (logger != null && logger.getLevel() != null) {
                return true;
            }
            if (candidate.indexOf('.') < 0) {
                return false;
            }
        }
    }
}
