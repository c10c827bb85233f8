package dev.ordersystem.orders.relay;

import dev.ordersystem.localstack.LocalStack;
import dev.ordersystem.localstack.LocalStackOptions;
import dev.ordersystem.orders.OrderServiceApplication;
import dev.ordersystem.orders.order.NewOrder;
import dev.ordersystem.orders.order.OrderLine;
import dev.ordersystem.orders.order.OrderService;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Benchmark command (not a test) for the relay's latency: starts a local stack and the order service in this JVM,
 * places orders through {@link OrderService} at a fixed rate, consumes the events topic, and prints the commit-to-ack
 * lag from the relay's {@code orders.relay.lag} timer and the commit-to-consume time seen by a consumer.
 *
 * <pre>
 * ./mvnw -B -ntp -pl order-service test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.ordersystem.orders.relay.RelayLatencyBenchmark [-Dbench.rate=100] [-Dbench.seconds=30]
 * </pre>
 *
 * Everything (PostgreSQL, Kafka, the service, the consumer) runs on this machine, most of it in this JVM.
 *
 * <p>The timer's percentiles cover a sliding window (one minute, rotated every 30 s from the start of the
 * application); with the default 30 s warm-up, the window read at the end holds the measured 30 s, not the cold
 * start. Commit-to-consume is measured by this class for the measured period only.
 */
public final class RelayLatencyBenchmark {

    private static final String TOPIC = "orders.events.benchmark";

    private RelayLatencyBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rate = Integer.getInteger("bench.rate", 100);
        int seconds = Integer.getInteger("bench.seconds", 30);
        int warmupSeconds = Integer.getInteger("bench.warmup", 30);
        System.out.printf(
                "Relay latency benchmark: %d orders/s for %d s after %d s of warm-up%n", rate, seconds, warmupSeconds);

        try (LocalStack stack = LocalStack.start(LocalStackOptions.forTests())) {
            SpringApplication application = new SpringApplication(OrderServiceApplication.class);
            Map<String, String> properties = new HashMap<>(stack.springProperties("orders"));
            properties.put("server.port", "0");
            properties.put("orders.relay.topic", TOPIC);
            properties.put("orders.relay.instance-id", "benchmark");
            properties.put("logging.level.root", "WARN");
            properties.put("logging.level.kafka", "ERROR");
            properties.put("logging.level.state.change.logger", "ERROR");
            // as command-line arguments, which win over application.yaml
            String[] arguments = properties.entrySet().stream()
                    .map(property -> "--" + property.getKey() + "=" + property.getValue())
                    .toArray(String[]::new);
            try (ConfigurableApplicationContext context = application.run(arguments)) {
                run(context, stack, rate, seconds, warmupSeconds);
            }
        }
    }

    private static void run(
            ConfigurableApplicationContext context, LocalStack stack, int rate, int seconds, int warmupSeconds)
            throws Exception {
        RelayState state = context.getBean(RelayState.class);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!state.isStreaming()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The relay did not start: " + state.snapshot());
            }
            Thread.sleep(100);
        }
        OrderService orders = context.getBean(OrderService.class);
        Timer lag = context.getBean(RelayMetrics.class).lag();

        Map<String, Long> committedAt = new ConcurrentHashMap<>();
        AtomicBoolean measuring = new AtomicBoolean();
        List<Long> consumeMicros = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean consuming = new AtomicBoolean(true);
        Thread consumer =
                new Thread(() -> consume(stack, committedAt, measuring, consumeMicros, consuming), "consumer");
        consumer.start();

        NewOrder order = new NewOrder(
                "benchmark",
                "benchmark@example.com",
                Currency.getInstance("EUR"),
                List.of(new OrderLine("BOOK-1", 2, new BigDecimal("12.50"))));
        AtomicLong placed = new AtomicLong();
        ScheduledExecutorService writer = Executors.newScheduledThreadPool(2);
        writer.scheduleAtFixedRate(
                () -> {
                    String id = orders.place(order, null).id().toString();
                    committedAt.put(id, System.nanoTime()); // place() returns after the commit
                    placed.incrementAndGet();
                },
                0,
                1_000_000 / rate,
                TimeUnit.MICROSECONDS);

        Thread.sleep(TimeUnit.SECONDS.toMillis(warmupSeconds));
        long countBefore = lag.count();
        measuring.set(true);
        long placedBefore = placed.get();
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        measuring.set(false);
        long placedDuring = placed.get() - placedBefore;
        writer.shutdown();
        writer.awaitTermination(10, TimeUnit.SECONDS);
        Thread.sleep(2_000); // let the last events arrive
        consuming.set(false);
        consumer.join(5_000);

        HistogramSnapshot snapshot = lag.takeSnapshot();
        System.out.println();
        System.out.printf(
                "orders placed while measuring: %d (%.1f/s); events acknowledged in total: %d (%d while measuring)%n",
                placedDuring, placedDuring / (double) seconds, lag.count(), lag.count() - countBefore);
        System.out.print("commit-to-ack (orders.relay.lag timer, last minute):");
        for (ValueAtPercentile percentile : snapshot.percentileValues()) {
            System.out.printf(" p%s=%.1f ms", label(percentile.percentile()), percentile.value(TimeUnit.MILLISECONDS));
        }
        System.out.printf(
                " max=%.1f ms mean=%.1f ms%n",
                snapshot.max(TimeUnit.MILLISECONDS), snapshot.mean(TimeUnit.MILLISECONDS));
        long[] consumed;
        synchronized (consumeMicros) {
            consumed =
                    consumeMicros.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        if (consumed.length > 0) {
            System.out.printf(
                    "commit-to-consume (%d events while measuring): p50=%.1f ms p99=%.1f ms max=%.1f ms%n",
                    consumed.length,
                    percentile(consumed, 0.50) / 1000.0,
                    percentile(consumed, 0.99) / 1000.0,
                    consumed[consumed.length - 1] / 1000.0);
        }
        System.out.println();
    }

    private static void consume(
            LocalStack stack,
            Map<String, Long> committedAt,
            AtomicBoolean measuring,
            List<Long> consumeMicros,
            AtomicBoolean consuming) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        stack.bootstrapServers(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                        10),
                new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            while (consuming.get()) {
                for (var record : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    Long committed = committedAt.remove(record.key());
                    if (committed != null && measuring.get()) {
                        consumeMicros.add((now - committed) / 1_000);
                    }
                }
            }
        }
    }

    private static long percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String label(double percentile) {
        String text = Double.toString(percentile * 100);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }
}
