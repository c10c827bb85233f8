package dev.ordersystem.console.live;

import dev.ordersystem.console.ConsoleProperties;
import dev.ordersystem.events.EventHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The console's own consumer group ({@code console.group}) on the topic, a second group beside notification-service: it
 * starts at the END of the log (a new group reads only what is appended from now on), commits its offsets as it goes,
 * and passes each record on as a {@link FeedEvent}. It keeps the newest ones for pages opened later.
 */
@Component
class LiveFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final ConsoleProperties properties;
    private final LiveUpdates updates;
    private final Deque<FeedEvent> recent = new ArrayDeque<>();
    private @Nullable KafkaConsumer<String, String> consumer;
    private @Nullable Thread thread;

    LiveFeed(ConsoleProperties properties, LiveUpdates updates) {
        this.properties = properties;
        this.updates = updates;
    }

    /** The newest events, oldest first. */
    synchronized List<FeedEvent> recent() {
        return List.copyOf(recent);
    }

    @Override
    public void start() {
        KafkaConsumer<String, String> started = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        properties.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        properties.group(),
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        properties.group(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "latest",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        true,
                        ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG,
                        1000,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        // the relay creates the topic, with its settings; a console started first waits for it
                        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
                        false),
                new StringDeserializer(),
                new StringDeserializer());
        consumer = started;
        thread = new Thread(() -> run(started, this::add), "live-feed");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(KafkaConsumer<String, String> consumer, Consumer<FeedEvent> sink) {
        try (consumer) {
            consumer.subscribe(List.of(properties.topic()));
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    sink.accept(event(record));
                }
            }
        } catch (WakeupException e) {
            // stop() woke it up
        } catch (RuntimeException e) {
            log.error("The live feed stopped", e);
        }
    }

    private synchronized void add(FeedEvent event) {
        recent.addLast(event);
        while (recent.size() > properties.recentEvents()) {
            recent.removeFirst();
        }
        updates.publish("event", event);
    }

    static FeedEvent event(ConsumerRecord<String, String> record) {
        String traceParent = header(record, EventHeaders.TRACE_PARENT);
        return new FeedEvent(
                record.partition(),
                record.offset(),
                Instant.ofEpochMilli(record.timestamp()),
                record.key(),
                header(record, EventHeaders.EVENT_ID),
                header(record, EventHeaders.EVENT_TYPE),
                EventHeaders.traceIdOf(traceParent));
    }

    private static @Nullable String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void stop() {
        if (consumer != null && thread != null) {
            consumer.wakeup();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            consumer = null;
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
