package dev.ordersystem.benchmark;

import dev.ordersystem.localstack.ServiceProcess;
import java.time.Duration;
import java.util.Collection;
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

    /**
     * How the warm-up went.
     *
     * @param caughtUp whether every outbox row was on the topic and notified when the warm-up ended
     */
    record WarmUp(double seconds, int orders, double compilerCores, boolean quiet, boolean caughtUp) {}

    /**
     * Warms up the services, fresh JVMs, with orders at {@code rate} until their JIT compilers are quiet ({@code jit});
     * then lets the pipeline catch up.
     */
    WarmUp warmUp(ServiceProcess orderService, int rate, JitWarmUp jit, int connections) throws Exception {
        long start = System.nanoTime();
        JitWarmUp.Result warm = jit.run(length -> LoadGenerator.openLoop(
                        new LoadGenerator.OpenLoop(rate, Duration.ZERO, length, connections, settle),
                        HttpOrderClient.factory(orderService, tokens.staff(), WARMUP_TAG, WARMUP_TAG))
                .scheduled());
        boolean caughtUp = awaitCaughtUp(true, "the first fixed rate starts anyway");
        return new WarmUp(
                (System.nanoTime() - start) / 1e9, warm.orders(), warm.compilerCores(), warm.quiet(), caughtUp);
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
