package dev.ordersystem.system;

import dev.ordersystem.localstack.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real trace UI without Docker: the Zipkin server's executable jar ({@value #JAR}, copied there from Maven Central by
 * the build) as a child process, spans kept in memory. The services export their spans to it ({@link
 * #exportSettings()}) and its UI shows each trace across both. Closing stops it.
 */
public final class ZipkinProcess implements AutoCloseable {

    /** Its executable jar, relative to the project root. */
    public static final String JAR = "infra/system/target/zipkin-server-exec.jar";

    private static final List<String> JVM_OPTIONS = List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final ServiceProcess process;

    private ZipkinProcess(ServiceProcess process) {
        this.process = process;
    }

    /** Starts it on {@code port} with its log in {@code logDir/zipkin.log} and waits until it is up. */
    public static ZipkinProcess start(int port, Path logDir) {
        ServiceProcess process = ServiceProcess.start(
                "zipkin",
                ServiceProcess.Program.jar(OrderSystem.projectRoot().resolve(JAR)),
                port,
                List.of("--zipkin.storage.mem.max-spans=100000"),
                JVM_OPTIONS,
                logDir);
        ZipkinProcess zipkin = new ZipkinProcess(process);
        try {
            zipkin.awaitUp(OrderSystem.STARTUP_TIMEOUT);
        } catch (RuntimeException e) {
            process.stop();
            throw e;
        }
        return zipkin;
    }

    /** Its UI, e.g. {@code http://localhost:9411/zipkin/}; one trace is at {@code traces/<trace id>} below it. */
    public String uiUrl() {
        return "http://localhost:" + process.port() + "/zipkin/";
    }

    /** The settings that make a service export its spans here. */
    public Map<String, String> exportSettings() {
        return Map.of("management.tracing.export.zipkin.endpoint", process.baseUrl() + "/api/v2/spans");
    }

    private void awaitUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!process.get("/health").filter(body -> body.contains("\"UP\"")).isPresent()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("Zipkin did not come up; see " + process.logFile());
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Zipkin", e);
            }
        }
    }

    @Override
    public void close() {
        process.stop();
    }

    @Override
    public String toString() {
        return "Zipkin " + uiUrl();
    }
}
