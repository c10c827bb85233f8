package dev.ordersystem.benchmark;

import dev.ordersystem.localstack.ServiceProcess;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The CDC pipeline as the benchmark watches it from outside: the outbox, the relay's topic and the notifications.
 *
 * @param settle how long to wait for the events of a phase on the topic and for their notifications
 * @param tokens what the benchmark calls order-service with
 */
record Pipeline(Database database, TopicObserver topic, Duration settle, ApiTokens tokens) {

    private static final String READY_TAG = "bench-ready";
    private static final String WARMUP_TAG = "bench-cdc-warmup";

    /**
     * Places an order every second until one has gone all the way to a notification; returns how many it placed.
     *
     * @throws IllegalStateException if none did within 3 minutes
     */
    int awaitFirstNotification(ServiceProcess orderService) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        try (HttpOrderClient client = HttpOrderClient.open(orderService, tokens.staff(), READY_TAG, READY_TAG)) {
            while (System.nanoTime() < deadline) {
                client.call(true);
                Map<UUID, Long> commits = database.outboxCommitsOfCustomer(READY_TAG);
                if (topic.awaitAll(commits.keySet(), Duration.ofSeconds(1)) == 0
                        && database.notificationCommits(commits.keySet()).size() == commits.size()) {
                    return commits.size();
                }
            }
        }
        throw new IllegalStateException(
                "No order reached a notification within 3 minutes; see the logs next to " + orderService.logFile());
    }

    /** One round of the warm-up: its load, and how busy the JIT compilers were in it. */
    static final Duration WARM_UP_ROUND = Duration.ofSeconds(15);

    /** The JIT is quiet when the compiler threads of every JVM together take less than this share of a core. */
    static final double QUIET_COMPILERS = 0.10;

    /**
     * How the warm-up went.
     *
     * @param compilerCores the share of a core the JIT compilers of the watched JVMs took together in the last round
     */
    record WarmUp(double seconds, int orders, double compilerCores, boolean quiet, boolean caughtUp) {}

    /**
     * Warms up the services, fresh JVMs, with orders at {@code rate} in rounds of {@link #WARM_UP_ROUND}: for at least
     * {@code least}, then until the JIT compilers of {@code jvms} (pids) took less than {@link #QUIET_COMPILERS} of a
     * core together in a round, or {@code most} has passed; then lets the pipeline catch up.
     */
    WarmUp warmUp(
            ServiceProcess orderService, int rate, Duration least, Duration most, int connections, List<Long> jvms)
            throws Exception {
        long start = System.nanoTime();
        int orders = 0;
        double compilerCores;
        boolean quiet;
        Duration elapsed;
        do {
            double compilersBefore = compilerSeconds(jvms);
            long roundStart = System.nanoTime();
            LoadGenerator.OpenLoopResult round = LoadGenerator.openLoop(
                    new LoadGenerator.OpenLoop(rate, Duration.ZERO, WARM_UP_ROUND, connections, settle),
                    HttpOrderClient.factory(orderService, tokens.staff(), WARMUP_TAG, WARMUP_TAG));
            orders += round.scheduled();
            compilerCores = (compilerSeconds(jvms) - compilersBefore) / ((System.nanoTime() - roundStart) / 1e9);
            quiet = compilerCores < QUIET_COMPILERS;
            elapsed = Duration.ofNanos(System.nanoTime() - start);
        } while (elapsed.compareTo(least) < 0 || (!quiet && elapsed.compareTo(most) < 0));
        Timeline.progress(String.format(
                Locale.ROOT,
                "warmed up for %d s (%d orders); the JIT compilers took %.2f of a core in the last %d s%s",
                elapsed.toSeconds(),
                orders,
                compilerCores,
                WARM_UP_ROUND.toSeconds(),
                quiet ? "" : ", still busy after the longest warm-up"));
        boolean caughtUp = awaitCaughtUp(true, "the first fixed rate starts anyway");
        return new WarmUp((System.nanoTime() - start) / 1e9, orders, compilerCores, quiet, caughtUp);
    }

    private static double compilerSeconds(List<Long> jvms) {
        return jvms.stream().mapToDouble(Machine::compilerCpuSeconds).sum();
    }

    /**
     * Waits until every outbox row is on the topic (and, if asked, has its notification), at most the settle time or
     * two minutes, whichever is longer; warns if it is not, saying what that means.
     *
     * @return whether it caught up
     */
    boolean awaitCaughtUp(boolean withNotifications, String otherwise) throws Exception {
        Duration patience = settle.compareTo(Duration.ofMinutes(2)) > 0 ? settle : Duration.ofMinutes(2);
        long deadline = System.nanoTime() + patience.toNanos();
        long rows = database.outboxRows();
        while (System.nanoTime() < deadline) {
            if (topic.distinctEvents() >= rows && (!withNotifications || database.notifications() >= rows)) {
                return true;
            }
            Thread.sleep(200);
        }
        Timeline.warn("the pipeline had not caught up after " + patience.toSeconds() + " s: " + topic.distinctEvents()
                + " of " + rows + " outbox rows on the topic; " + otherwise);
        return false;
    }

    /** Event id to commit time (µs) of the notifications of these events, waiting at most the settle time for all. */
    Map<UUID, Long> awaitNotifications(Collection<UUID> eventIds) throws Exception {
        long deadline = System.nanoTime() + settle.toNanos();
        while (true) {
            Map<UUID, Long> notified = database.notificationCommits(eventIds);
            if (notified.size() >= eventIds.size() || System.nanoTime() > deadline) {
                return notified;
            }
            Thread.sleep(200);
        }
    }
}
