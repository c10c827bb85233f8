package dev.ordersystem.notifications.feed.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ordersystem.notifications.NotificationsProperties;
import dev.ordersystem.notifications.notification.Notification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class SubscriptionTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ExecutorService writers = Executors.newCachedThreadPool();
    private final Set<Subscription> ended = ConcurrentHashMap.newKeySet();

    @AfterEach
    void stopWriters() {
        writers.shutdownNow();
    }

    @Test
    void writesEachOfferedNotificationInOrderOnAWriterThreadNeverTheOfferingOne() {
        var sink = new RecordingSink();
        var subscription = subscription(sink, null, 10);
        subscription.start(Subscription.Backlog.NONE);

        notifications(1, 5).forEach(subscription::offer);

        await().atMost(WAIT).until(() -> sink.written.size() == 6);
        assertThat(sink.written).containsExactly("subscribed", "n1", "n2", "n3", "n4", "n5");
        assertThat(sink.threads).doesNotContain(Thread.currentThread().getName());
    }

    @Test
    void slowReaderIsDroppedWhenItsQueueIsFullAndTheOffersNeverWait() throws Exception {
        var sink = new RecordingSink();
        var subscription = subscription(sink, null, 3);
        subscription.start(Subscription.Backlog.NONE);
        await().atMost(WAIT).until(() -> sink.written.contains("subscribed"));
        sink.stuck = new CountDownLatch(1); // a write that does not return, like one to a reader that stopped reading
        subscription.offer(notification(1));
        await().atMost(WAIT).until(() -> sink.written.contains("n1"));

        assertTimeoutPreemptively(
                Duration.ofSeconds(2), () -> notifications(2, 100).forEach(subscription::offer));

        assertThat(ended).containsExactly(subscription);
        assertThat(sink.completed).isFalse();
        sink.stuck.countDown();
        await().atMost(WAIT).until(() -> sink.completed);
        assertThat(sink.written).containsExactly("subscribed", "n1");
    }

    @Test
    void resumedStreamGetsItsBacklogPageByPageBeforeWhatIsOffered() {
        var sink = new RecordingSink();
        var subscription = subscription(sink, notification(10), 10);
        subscription.offer(notification(14)); // committed after the backlog's snapshot: waits in the queue

        subscription.start(seq -> notifications(seq + 1, Math.min(seq + 2, 13)));

        await().atMost(WAIT).until(() -> sink.written.size() == 5);
        assertThat(sink.written).containsExactly("subscribed", "n11", "n12", "n13", "n14");
        assertThat(sink.resumedAfter).isEqualTo(notification(10).id());
    }

    @Test
    void streamWhoseSinkFailsEndsWithoutFurtherWrites() {
        var sink = new RecordingSink();
        sink.gone = true;
        var subscription = subscription(sink, null, 10);

        subscription.start(Subscription.Backlog.NONE);

        await().atMost(WAIT).until(() -> ended.contains(subscription));
        subscription.offer(notification(1));
        subscription.heartbeat();
        assertThat(sink.written).containsExactly("subscribed");
        assertThat(sink.completed).isFalse();
    }

    @Test
    void streamsAreCappedPerCustomerAndInAll() {
        var subscriptions = new StreamSubscriptions(properties(
                Map.of("notifications.feed.max-streams-per-customer", "2", "notifications.feed.max-streams", "3")));
        subscriptions.add(subscriptions.subscription("ada", null, new RecordingSink()));
        Subscription second = subscriptions.subscription("ada", null, new RecordingSink());
        subscriptions.add(second);

        assertThatThrownBy(() -> subscriptions.add(subscriptions.subscription("ada", null, new RecordingSink())))
                .isInstanceOf(TooManyStreamsException.class);
        subscriptions.add(subscriptions.subscription("grace", null, new RecordingSink()));
        assertThatThrownBy(() -> subscriptions.add(subscriptions.subscription("linus", null, new RecordingSink())))
                .isInstanceOf(StreamCapacityExhaustedException.class);

        subscriptions.remove(second);
        subscriptions.add(subscriptions.subscription("linus", null, new RecordingSink()));
        assertThat(subscriptions.size()).isEqualTo(3);
        assertThat(subscriptions.customers()).containsExactlyInAnyOrder("ada", "grace", "linus");
        subscriptions.stop();
    }

    private Subscription subscription(RecordingSink sink, @Nullable Notification resumeAfter, int capacity) {
        return new Subscription("ada", resumeAfter, sink, capacity, writers, ended::add);
    }

    private static NotificationsProperties properties(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("notifications", NotificationsProperties.class);
    }

    private static List<Notification> notifications(long fromSeq, long toSeq) {
        return LongStream.rangeClosed(fromSeq, toSeq)
                .mapToObj(SubscriptionTests::notification)
                .toList();
    }

    private static Notification notification(long seq) {
        Instant now = Instant.parse("2026-11-25T10:00:00Z");
        return new Notification(
                new UUID(0, seq),
                seq,
                new UUID(1, seq),
                "OrderPaid",
                "ada",
                "o-" + seq,
                "ada@example.com",
                "subject",
                "body",
                now,
                now);
    }

    /** Records what is written, by which thread; can be stuck in a write, or gone. */
    private static final class RecordingSink implements StreamSink {

        final List<String> written = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();
        volatile @Nullable CountDownLatch stuck;
        volatile boolean gone;
        volatile boolean completed;
        volatile @Nullable UUID resumedAfter;

        @Override
        public void subscribed(String customerId, @Nullable UUID resumedAfter) throws java.io.IOException {
            this.resumedAfter = resumedAfter;
            write("subscribed");
        }

        @Override
        public void notification(Notification notification) throws java.io.IOException {
            write("n" + notification.seq());
        }

        @Override
        public void heartbeat() throws java.io.IOException {
            write("heartbeat");
        }

        @Override
        public void complete() {
            completed = true;
        }

        private void write(String what) throws java.io.IOException {
            threads.add(Thread.currentThread().getName());
            written.add(what);
            if (gone) {
                throw new java.io.IOException("broken pipe");
            }
            CountDownLatch latch = stuck;
            if (latch != null) {
                try {
                    latch.await(1, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
