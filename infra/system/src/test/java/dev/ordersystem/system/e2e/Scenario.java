package dev.ordersystem.system.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One scenario of the suite: its customers ({@code e2e-<name>-c<n>}), its log directory
 * ({@code target/e2e-logs/<name>/}: {@code steps.log} with what the test did, and the part of every service's log
 * written meanwhile), and its result, checked in both databases and on the topic and printed as one line:
 *
 * <pre>
 * relay-crash: orders=2000 events=5500 notifications=5500 lost=0 duplicated=0 took=41s redelivered=12
 * </pre>
 */
final class Scenario implements AutoCloseable {

    /** How long the outcome may take to settle after the last order was acknowledged. */
    static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(3);

    private final E2eSystem system;
    private final String name;
    private final long startedAt = System.nanoTime();
    private final Path directory;
    private final Map<String, Long> logOffsets = new HashMap<>();
    private final Map<String, Object> extras = new LinkedHashMap<>();
    private final List<LoadGenerator> loads = new ArrayList<>();
    private int ordersStarted;

    Scenario(E2eSystem system, String name) {
        this.system = system;
        this.name = name;
        this.directory = E2eSystem.LOG_ROOT.resolve(name);
        try {
            if (Files.exists(directory)) {
                try (var files = Files.list(directory)) {
                    for (Path file : files.toList()) {
                        Files.delete(file);
                    }
                }
            }
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        system.logFiles().forEach((service, file) -> {
            system.note(service, "scenario " + name + " begins");
            logOffsets.put(service, size(file));
        });
        step("scenario %s begins", name);
    }

    String name() {
        return name;
    }

    /** Customer ids of this scenario start with this. */
    String customerPrefix() {
        return LoadGenerator.customerPrefix(name);
    }

    /** Starts a load of this scenario, numbering its orders after those of earlier loads (see {@link LoadGenerator#start}). */
    LoadGenerator load(OrderApi api, int orders, int threads, double ordersPerSecond) {
        step(
                "placing %d orders from %d threads%s",
                orders, threads, ordersPerSecond > 0 ? " at " + ordersPerSecond + "/s" : "");
        LoadGenerator load = LoadGenerator.start(api, name, ordersStarted, orders, threads, ordersPerSecond);
        ordersStarted += orders;
        loads.add(load);
        return load;
    }

    /** Logs what the test does, with the time, to stdout and {@code steps.log}. */
    void step(String format, Object... args) {
        String line = LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " [" + name + "] " + String.format(format, args);
        System.out.println(line);
        E2eSystem.appendLine(directory.resolve("steps.log"), line);
    }

    /** A value printed at the end of the summary line, e.g. {@code takeover=6.1s}. */
    void extra(String key, Object value) {
        extras.put(key, value);
    }

    /**
     * Waits (at most {@link #SETTLE_TIMEOUT}) until every event of {@code orders} has a notification, then compares the
     * API's acknowledgements with both databases and the topic, prints the summary line and fails on anything lost,
     * duplicated, out of order or mismatched.
     */
    DeliveryCheck verify(Collection<PlacedOrder> orders) {
        if (!awaitNotified(orders)) {
            step("not every event was notified within %s; checking what there is", SETTLE_TIMEOUT);
        }
        List<TopicLog.Entry> topic = await().atMost(Duration.ofSeconds(90))
                .ignoreExceptions()
                .until(() -> system.topic().readToEnd(Duration.ofSeconds(60)), entries -> true);
        List<Databases.NotificationRow> notifications = system.db().notifications(customerPrefix());
        DeliveryCheck check = DeliveryCheck.of(
                orders,
                system.db().orders(customerPrefix()),
                system.db().outbox(customerPrefix()),
                topic,
                notifications,
                system.db().processedEventIds());
        // end to end: the order change (event occurredAt) to its notification's row
        List<Duration> latencies = notifications.stream()
                .map(n -> Duration.between(n.occurredAt(), n.createdAt()))
                .sorted()
                .toList();
        extras.put("redelivered", check.redelivered());
        if (!latencies.isEmpty()) {
            extras.put("latency-p50", seconds(latencies.get(latencies.size() / 2)));
            extras.put("latency-max", seconds(latencies.get(latencies.size() - 1)));
        }
        if (check.outOfOrder() > 0) {
            extras.put("out-of-order", check.outOfOrder());
        }
        if (check.mismatched() > 0) {
            extras.put("mismatched", check.mismatched());
        }
        StringBuilder line = new StringBuilder("%s: orders=%d events=%d notifications=%d lost=%d duplicated=%d took=%ds"
                .formatted(
                        name,
                        check.orders(),
                        check.events(),
                        check.notifications(),
                        check.lost(),
                        check.duplicated(),
                        Duration.ofNanos(System.nanoTime() - startedAt).toSeconds()));
        extras.forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
        System.out.println(line);
        step("%s", line);
        E2eSystem.appendLine(E2eSystem.LOG_ROOT.resolve("summary.txt"), line.toString());
        if (!check.problems().isEmpty()) {
            step("problems:%n  %s", String.join("\n  ", check.problems()));
        }
        assertThat(check.passed()).as("%s%n%s", line, check).isTrue();
        return check;
    }

    /**
     * Waits (at most {@link #SETTLE_TIMEOUT}) until the orders' customers have as many notifications as the orders'
     * flows have events; false if they do not get there.
     */
    boolean awaitNotified(Collection<PlacedOrder> orders) {
        int expectedEvents =
                orders.stream().mapToInt(o -> o.flow().eventTypes().size()).sum();
        step(
                "%d orders acknowledged, %d events expected; waiting for their notifications",
                orders.size(), expectedEvents);
        try {
            await().atMost(SETTLE_TIMEOUT)
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> system.db().notificationCount(customerPrefix()) >= expectedEvents);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    /** Copies the part of every service log written during this scenario into its directory. */
    @Override
    public void close() {
        loads.forEach(LoadGenerator::close); // a scenario that failed half-way leaves no load running
        step("scenario %s ends", name);
        system.logFiles().forEach((service, file) -> {
            system.note(service, "scenario " + name + " ends");
            copySlice(file, logOffsets.getOrDefault(service, 0L), directory.resolve(service + ".log"));
        });
    }

    /** {@code 1.2s} */
    static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1fs", duration.toMillis() / 1000.0);
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static void copySlice(Path source, long from, Path target) {
        try (RandomAccessFile in = new RandomAccessFile(source.toFile(), "r")) {
            long length = in.length() - from;
            if (length <= 0) {
                return;
            }
            byte[] bytes = new byte[(int) Math.min(length, 512L * 1024 * 1024)];
            in.seek(from);
            in.readFully(bytes);
            Files.write(target, bytes);
        } catch (IOException e) {
            // a missing log is not a test failure; the scenario's own result matters
        }
    }
}
