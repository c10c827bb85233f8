package dev.ordersystem.notifications.feed.stream;

import static dev.ordersystem.notifications.support.TestEvents.uniqueCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersystem.notifications.NotificationsProperties;
import dev.ordersystem.notifications.notification.Notification;
import dev.ordersystem.notifications.notification.Notifications;
import dev.ordersystem.notifications.support.EventStream;
import dev.ordersystem.notifications.support.IntegrationTestSupport;
import dev.ordersystem.notifications.support.NotificationRows;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The live streams follow commits: every notification reaches every open stream once, on every instance, whatever
 * order the transactions commit in and however many commit between two polls. Notifications are written straight to
 * the database, in transactions of the test, as instances of the service (this one or others) would.
 */
class NotificationStreamIntegrationTests extends IntegrationTestSupport {

    private static final int CUSTOMERS = 8;
    private static final int WRITERS = 3;
    private static final int TRANSACTIONS_PER_WRITER = 10;
    private static final int ROWS_PER_CUSTOMER_AND_TRANSACTION = 12;
    private static final int HELD_ROWS_PER_CUSTOMER = 25;

    @Autowired
    private Notifications notifications;

    @Autowired
    private NotificationStreamPoller poller;

    @Autowired
    private StreamSubscriptions subscriptions;

    @Autowired
    private NotificationsProperties properties;

    @Autowired
    private PlatformTransactionManager transactions;

    @Test
    void burstOfConcurrentTransactionsCommittingOutOfSeqOrderReachesEveryStreamOfEveryInstanceOnce() throws Exception {
        List<String> customers =
                IntStream.range(0, CUSTOMERS).mapToObj(i -> uniqueCustomer()).toList();
        // this instance's streams, over HTTP, and a second instance: its own subscriptions and poller, polled often
        Map<String, EventStream> streams = new HashMap<>();
        customers.forEach(customer -> streams.put(customer, stream(customer)));
        var otherSubscriptions = new StreamSubscriptions(properties);
        var otherPoller = new NotificationStreamPoller(notifications, otherSubscriptions, properties);
        var otherStreams = new NotificationStreams(notifications, otherSubscriptions, otherPoller);
        Map<String, RecordingSink> other = new HashMap<>();
        customers.forEach(customer -> {
            var sink = new RecordingSink();
            otherStreams.open(customer, null, sink);
            other.put(customer, sink);
        });
        ScheduledExecutorService otherScheduler = Executors.newSingleThreadScheduledExecutor();
        otherScheduler.scheduleWithFixedDelay(otherPoller::poll, 0, 100, TimeUnit.MILLISECONDS);
        try {
            for (EventStream stream : streams.values()) {
                stream.awaitEvent("subscribed", WAIT);
            }
            // a transaction that writes first (the lowest seqs) and commits last
            var heldWritten = new CountDownLatch(1);
            var commitHeld = new CountDownLatch(1);
            CompletableFuture<Map<String, List<UUID>>> held = CompletableFuture.supplyAsync(() -> inTransaction(() -> {
                Map<String, List<UUID>> ids = write(customers, HELD_ROWS_PER_CUSTOMER);
                heldWritten.countDown();
                awaitRelease(commitHeld);
                return ids;
            }));
            assertThat(heldWritten.await(30, TimeUnit.SECONDS)).isTrue();

            Map<String, List<UUID>> burst;
            // this instance's polls wait meanwhile: its next poll finds the whole burst, many pages of it
            synchronized (poller) {
                burst = burst(customers);
            }

            awaitExactly(streams, other, burst);
            commitHeld.countDown();
            Map<String, List<UUID>> all = merge(burst, held.get(30, TimeUnit.SECONDS));
            assertThat(all.values().stream().mapToInt(List::size).sum())
                    .isGreaterThan(3 * NotificationStreamPoller.PAGE_SIZE);
            assertThat(maxSeq(held.get())).isLessThan(minSeq(burst));
            awaitExactly(streams, other, all);
        } finally {
            otherScheduler.shutdownNow();
            otherSubscriptions.stop();
            streams.values().forEach(EventStream::close);
        }
    }

    @Test
    void resumedStreamGetsWhatFollowsItsLastEventIdThenNewOnesEachOnce() throws Exception {
        String customer = uniqueCustomer();
        List<UUID> earlier = NotificationRows.insert(jdbc, customer, 3);

        try (var stream = new EventStream(
                uri("/customers/" + customer + "/notifications/stream"),
                AUTHORIZATION,
                customer(customer),
                "Last-Event-ID",
                earlier.get(0).toString())) {
            JsonNode subscribed = stream.awaitEvent("subscribed", WAIT);
            List<UUID> later = NotificationRows.insert(jdbc, customer, 2);

            assertThat(subscribed.get("resumedAfter").asString())
                    .isEqualTo(earlier.get(0).toString());
            await().atMost(WAIT)
                    .during(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(stream.notificationIds())
                            .containsExactly(
                                    earlier.get(1).toString(),
                                    earlier.get(2).toString(),
                                    later.get(0).toString(),
                                    later.get(1).toString()));
        }
    }

    @Test
    void customerMayOpenAFewStreamsAtATimeAndTheSixthIsTooMany() throws Exception {
        String customer = uniqueCustomer();
        List<EventStream> open = new ArrayList<>();
        try {
            for (int i = 0; i < properties.feed().maxStreamsPerCustomer(); i++) {
                open.add(stream(customer));
                open.get(i).awaitEvent("subscribed", WAIT);
            }

            var refused = get("/customers/" + customer + "/notifications/stream", AUTHORIZATION, customer(customer));

            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(json(refused).get("type").asString()).isEqualTo("urn:ordersystem:problem:too-many-streams");
            // another customer is not held back by this one
            try (var another = stream(uniqueCustomer())) {
                another.awaitEvent("subscribed", WAIT);
            }
        } finally {
            open.forEach(EventStream::close);
        }
    }

    @Test
    void instanceServingAsManyStreamsAsAllowedRefusesTheNextWith503() {
        List<Subscription> fillers = new ArrayList<>();
        try {
            await().atMost(WAIT).untilAsserted(() -> {
                // fill what is left (streams of earlier tests may end meanwhile) with streams that are never started
                try {
                    while (true) {
                        Subscription filler = subscriptions.subscription(uniqueCustomer(), null, new RecordingSink());
                        subscriptions.add(filler);
                        fillers.add(filler);
                    }
                } catch (StreamCapacityExhaustedException full) {
                    // as many as allowed
                }
                String customer = uniqueCustomer();

                var refused =
                        get("/customers/" + customer + "/notifications/stream", AUTHORIZATION, customer(customer));

                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                assertThat(json(refused).get("type").asString())
                        .isEqualTo("urn:ordersystem:problem:stream-capacity-exhausted");
            });
        } finally {
            fillers.forEach(subscriptions::remove);
        }
    }

    private EventStream stream(String customer) {
        return new EventStream(
                uri("/customers/" + customer + "/notifications/stream"), AUTHORIZATION, customer(customer));
    }

    /** Concurrent writers, each committing transactions with rows of every customer; returns the ids by customer. */
    private Map<String, List<UUID>> burst(List<String> customers) {
        var executor = Executors.newFixedThreadPool(WRITERS);
        try {
            List<CompletableFuture<Map<String, List<UUID>>>> writers = IntStream.range(0, WRITERS)
                    .mapToObj(w -> CompletableFuture.supplyAsync(
                            () -> {
                                Map<String, List<UUID>> ids = new HashMap<>();
                                for (int t = 0; t < TRANSACTIONS_PER_WRITER; t++) {
                                    ids = merge(
                                            ids,
                                            inTransaction(() -> write(customers, ROWS_PER_CUSTOMER_AND_TRANSACTION)));
                                }
                                return ids;
                            },
                            executor))
                    .toList();
            Map<String, List<UUID>> all = new HashMap<>();
            for (var writer : writers) {
                all = merge(all, writer.join());
            }
            return all;
        } finally {
            executor.shutdown();
        }
    }

    private Map<String, List<UUID>> write(List<String> customers, int rowsPerCustomer) {
        Map<String, List<UUID>> ids = new HashMap<>();
        customers.forEach(customer -> ids.put(customer, NotificationRows.insert(jdbc, customer, rowsPerCustomer)));
        return ids;
    }

    private <T> T inTransaction(java.util.function.Supplier<T> work) {
        T result = new TransactionTemplate(transactions).execute(status -> work.get());
        if (result == null) {
            throw new IllegalStateException("no result");
        }
        return result;
    }

    /** Every stream, of both instances, has received exactly these ids of its customer, each once, and no more. */
    private static void awaitExactly(
            Map<String, EventStream> streams, Map<String, RecordingSink> other, Map<String, List<UUID>> expected) {
        await().atMost(Duration.ofSeconds(60))
                .during(Duration.ofSeconds(1))
                .untilAsserted(() -> expected.forEach((customer, ids) -> {
                    List<String> wanted = ids.stream().map(UUID::toString).toList();
                    assertThat(streams.get(customer).notificationIds())
                            .as("this instance's stream of %s", customer)
                            .doesNotHaveDuplicates()
                            .containsExactlyInAnyOrderElementsOf(wanted);
                    assertThat(other.get(customer).ids)
                            .as("the other instance's stream of %s", customer)
                            .doesNotHaveDuplicates()
                            .containsExactlyInAnyOrderElementsOf(wanted);
                }));
    }

    private static Map<String, List<UUID>> merge(Map<String, List<UUID>> a, Map<String, List<UUID>> b) {
        Map<String, List<UUID>> merged = new HashMap<>();
        a.forEach((customer, ids) ->
                merged.computeIfAbsent(customer, c -> new ArrayList<>()).addAll(ids));
        b.forEach((customer, ids) ->
                merged.computeIfAbsent(customer, c -> new ArrayList<>()).addAll(ids));
        return merged;
    }

    private long maxSeq(Map<String, List<UUID>> ids) {
        return seqs(ids).stream().mapToLong(Long::longValue).max().orElseThrow();
    }

    private long minSeq(Map<String, List<UUID>> ids) {
        return seqs(ids).stream().mapToLong(Long::longValue).min().orElseThrow();
    }

    private List<Long> seqs(Map<String, List<UUID>> ids) {
        List<UUID> all = ids.values().stream().flatMap(List::stream).toList();
        return notifications.findAll(new HashSet<>(all)).values().stream()
                .map(Notification::seq)
                .toList();
    }

    private static void awaitRelease(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The sink of a stream of the second instance: the ids it was sent. */
    private static final class RecordingSink implements StreamSink {

        final List<String> ids = new CopyOnWriteArrayList<>();

        @Override
        public void subscribed(String customerId, @Nullable UUID resumedAfter) {}

        @Override
        public void notification(Notification notification) {
            ids.add(notification.id().toString());
        }

        @Override
        public void heartbeat() {}

        @Override
        public void complete() {}
    }
}
