package dev.ordersystem.benchmark;

import dev.ordersystem.events.EventHeaders;
import dev.ordersystem.localstack.LocalStack;
import dev.ordersystem.localstack.LocalStackOptions;
import dev.ordersystem.localstack.Ports;
import dev.ordersystem.localstack.ServiceProcess;
import dev.ordersystem.localstack.StackMode;
import dev.ordersystem.system.MailCatcher;
import dev.ordersystem.system.OrderSystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.AppInfoParser;
import org.jspecify.annotations.Nullable;

/**
 * Runs every phase of the benchmark, in this order, on one local stack:
 *
 * <ol>
 *   <li>order-service with its relay disabled: the JDBC ceiling, the API at saturation; then it stops;
 *   <li>the polling relay (in this JVM, on {@code outbox_polling}) at every rate, then its drain;
 *   <li>order-service with the CDC relay and notification-service: the API at every rate (which gives the relay's
 *       lag and end-to-end latency of the same orders), then the API at saturation with the pipeline running;
 *   <li>both stop; a backlog is written while the relay is stopped, order-service starts again and drains it;
 *   <li>the raw producer, with records the size of an outbox row of the JDBC phase (last, because it writes much more
 *       to the broker's disk than the rest).
 * </ol>
 *
 * The order tables are emptied before the CDC relay first starts, so its initial snapshot finds nothing to publish.
 */
final class Benchmark {

    static final String ORDER_SERVICE = "order-service";
    static final String NOTIFICATION_SERVICE = "notification-service";

    private static final String RELAY_HISTOGRAM =
            "management.metrics.distribution.percentiles-histogram.orders.relay.lag";
    private static final int BACKLOG_BATCH = 100;
    private static final int POLLING_BATCH = 500;
    private static final Duration POLLING_INTERVAL = Duration.ofMillis(100);

    private final BenchmarkOptions options;
    private final Path logDir;
    private final Results results = new Results();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private @Nullable LocalStack stack;
    private @Nullable Database db;
    private @Nullable MailCatcher mail;
    private int orderInstances;
    private @Nullable TopicObserver cdcObserver;
    private @Nullable OrderSystem notificationsSystem;
    private @Nullable CompletableFuture<ServiceProcess> notificationService;
    private String @Nullable [] sampleRow;

    Benchmark(BenchmarkOptions options, Path logDir) {
        this.options = options;
        this.logDir = logDir;
    }

    Results run() throws Exception {
        long began = System.nanoTime();
        results.startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Machine.describe(results.machine);
        try {
            phase("start PostgreSQL, Kafka and the mail catcher", () -> {
                // closed here (and by BenchmarkMain's shutdown hook) after the services that use it
                stack = LocalStack.start(LocalStackOptions.forTests().withMode(StackMode.LOCAL))
                        .withoutShutdownHook();
                resources.add(stack);
                mail = MailCatcher.start(Ports.freePort(), Ports.freePort());
                resources.add(mail);
                db = new Database(stack);
                results.postgresSettings.putAll(db.settings());
                if (!"on".equals(results.postgresSettings.get("track_commit_timestamp"))) {
                    throw new IllegalStateException("PostgreSQL runs without track_commit_timestamp=on; the local stack"
                            + " must set it (the benchmark reads commit times with pg_xact_commit_timestamp)");
                }
                Kafka.createTopics(
                        stack.bootstrapServers(), List.of(Kafka.EVENTS_TOPIC, Kafka.POLLING_TOPIC, Kafka.RAW_TOPIC));
            });
            versions();
            baselinesAndApiSaturation();
            pollingRelay();
            cdcPipeline();
            cdcDrain();
            // last: it writes far more to the broker's disk than anything else, which would disturb later phases
            results.rawProducer = phase("raw Kafka producer", () -> rawProducer(sampleRow()));
        } finally {
            closeAll();
        }
        results.finishedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        results.seconds = (System.nanoTime() - began) / 1e9;
        results.machine.put("loadAverageAtEnd", Machine.loadAverage());
        return results;
    }

    // ---------------------------------------------------------------- phase 1: JDBC ceiling and API (relay off)

    private void baselinesAndApiSaturation() throws Exception {
        if (options.smoke()) {
            startNotificationService(); // idle until the CDC phases; saves a smoke run its start time there
        }
        OrderSystem system = newSystem();
        ServiceProcess orders = phase(
                "start order-service (relay disabled)",
                () -> system.startOrderService(nextOrderInstance(), Ports.freePort(), relayDisabled()));
        String ordersUrl = stack().jdbcUrl("orders");

        results.jdbcCeiling = phase(
                "JDBC ceiling",
                () -> LoadGenerator.closedLoop(
                        options.threads(), options.warmup(), options.saturationDuration(), () -> {
                            OrderRows.Writer writer = new OrderRows.Writer(
                                    OrderRows.connect(ordersUrl, stack().username(), stack().password()), "outbox");
                            return client(measured -> writer.placeOne("bench-jdbc"), writer);
                        }));
        sampleRow = db().sampleOutboxRow();
        db().truncateOrders();

        results.apiSaturation = phase(
                "order API at saturation (relay disabled)",
                () -> LoadGenerator.closedLoop(
                        options.threads(),
                        options.warmup(),
                        options.saturationDuration(),
                        httpClients(orders, "bench-api-saturation", "bench-api-saturation")));
        stopAll(system);
    }

    private Results.RawProducer rawProducer(String[] sample) throws Exception {
        byte[] value = sample[3].getBytes(StandardCharsets.UTF_8);
        byte[] type = sample[2].getBytes(StandardCharsets.UTF_8);
        byte[] traceParent = sample[4] == null ? null : sample[4].getBytes(StandardCharsets.UTF_8);
        int keyBytes = sample[1].getBytes(StandardCharsets.UTF_8).length;
        int headerBytes = EventHeaders.EVENT_ID.length()
                + sample[0].length()
                + EventHeaders.EVENT_TYPE.length()
                + type.length
                + (traceParent == null ? 0 : EventHeaders.TRACE_PARENT.length() + traceParent.length);
        AtomicLong failures = new AtomicLong();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(Kafka.relayProducerSettings(stack().bootstrapServers(), "bench-raw-producer"))) {
            sendFor(producer, options.warmup(), value, type, traceParent, failures);
            producer.flush();
            Map<TopicPartition, Long> from = Kafka.endOffsets(stack().bootstrapServers(), Kafka.RAW_TOPIC);
            long start = System.nanoTime();
            long sent = sendFor(producer, options.saturationDuration(), value, type, traceParent, failures);
            producer.flush();
            double producerSeconds = (System.nanoTime() - start) / 1e9;
            if (failures.get() > 0) {
                throw new IllegalStateException(failures.get() + " records of the raw producer were not acknowledged");
            }
            Kafka.Span span = Kafka.span(stack().bootstrapServers(), Kafka.RAW_TOPIC, from);
            return new Results.RawProducer(
                    span.records(),
                    span.seconds(),
                    span.rate(),
                    sent / producerSeconds,
                    keyBytes,
                    value.length,
                    headerBytes);
        }
    }

    /** Sends records shaped like the relay's (random key and id) back to back for a while; returns how many. */
    private static long sendFor(
            KafkaProducer<byte[], byte[]> producer,
            Duration duration,
            byte[] value,
            byte[] type,
            byte @Nullable [] traceParent,
            AtomicLong failures) {
        long end = System.nanoTime() + duration.toNanos();
        long sent = 0;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (System.nanoTime() < end) {
            for (int i = 0; i < 100; i++) {
                byte[] key = new UUID(random.nextLong(), random.nextLong())
                        .toString()
                        .getBytes(StandardCharsets.UTF_8);
                RecordHeaders headers = new RecordHeaders();
                headers.add(
                        EventHeaders.EVENT_ID,
                        new UUID(random.nextLong(), random.nextLong())
                                .toString()
                                .getBytes(StandardCharsets.UTF_8));
                headers.add(EventHeaders.EVENT_TYPE, type);
                if (traceParent != null) {
                    headers.add(EventHeaders.TRACE_PARENT, traceParent);
                }
                producer.send(new ProducerRecord<>(Kafka.RAW_TOPIC, null, key, value, headers), (metadata, error) -> {
                    if (error != null) {
                        failures.incrementAndGet();
                    }
                });
                sent++;
            }
        }
        return sent;
    }

    // ---------------------------------------------------------------- phase 2: the polling relay

    private void pollingRelay() throws Exception {
        db().truncateOrders();
        db().createPollingOutbox();
        String ordersUrl = stack().jdbcUrl("orders");
        try (TopicObserver observer = new TopicObserver(stack().bootstrapServers(), Kafka.POLLING_TOPIC)) {
            PollingRelay relay = newPollingRelay().start();
            try {
                for (int rate : options.rates()) {
                    String tag = "bench-polling-" + rate;
                    LoadGenerator.OpenLoopResult writes = phase(
                            "polling relay at " + rate + "/s",
                            () -> LoadGenerator.openLoop(
                                    rate,
                                    options.warmup(),
                                    options.duration(),
                                    options.connections(),
                                    options.settle(),
                                    () -> {
                                        OrderRows.Writer writer = new OrderRows.Writer(
                                                OrderRows.connect(ordersUrl, stack().username(), stack().password()),
                                                Database.POLLING_OUTBOX);
                                        return client(
                                                measured -> writer.placeOne(measured ? tag : tag + "-warmup"), writer);
                                    }));
                    int missing = observer.awaitAll(writes.ids(), options.settle());
                    Samples lag = new Samples();
                    Samples callback = new Samples();
                    for (UUID id : writes.ids()) {
                        Long appended = observer.appendedAt(id);
                        Long committed = relay.commitMicros(id);
                        Long acked = relay.ackMicros(id);
                        if (appended != null && committed != null) {
                            lag.add(appended - committed / 1000.0);
                        }
                        if (acked != null && committed != null) {
                            callback.add((acked - committed) / 1000.0);
                        }
                    }
                    Samples.Summary self = callback.summary();
                    results.pollingRates.add(new Results.RatePhase(
                            rate,
                            null,
                            new Results.Latencies(writes.ids().size(), missing, lag.summary()),
                            null,
                            Map.of("method", "producer callback time - commit time (µs clocks)", "ms", self.toJson())));
                    if (relay.failure() != null) {
                        warn("the polling relay failed at least once: " + relay.failure());
                    }
                }
            } finally {
                relay.close();
            }

            Written backlog = phase(
                    "write a backlog of " + options.backlog() + " while the polling relay is stopped",
                    () -> writeBacklog(Database.POLLING_OUTBOX, "bench-polling-backlog"));
            results.pollingDrain = phase("polling relay drain of " + options.backlog(), () -> {
                long startMillis = System.currentTimeMillis();
                try (PollingRelay drain = newPollingRelay().start()) {
                    return drain(observer, backlog, startMillis);
                }
            });
        }
    }

    private PollingRelay newPollingRelay() throws Exception {
        Connection connection = OrderRows.connect(stack().jdbcUrl("orders"), stack().username(), stack().password());
        return new PollingRelay(
                connection,
                stack().bootstrapServers(),
                Database.POLLING_OUTBOX,
                Kafka.POLLING_TOPIC,
                POLLING_BATCH,
                POLLING_INTERVAL);
    }

    // ---------------------------------------------------------------- phase 3: the pipeline at fixed rates

    private void cdcPipeline() throws Exception {
        db().truncateOrders(); // the relay's first start snapshots the outbox: leave nothing in it
        TopicObserver cdcObserver = new TopicObserver(stack().bootstrapServers(), Kafka.EVENTS_TOPIC);
        this.cdcObserver = cdcObserver;
        resources.add(cdcObserver);
        OrderSystem ordersSystem = newSystem();
        ServiceProcess orders = phase("start order-service (CDC relay) and notification-service", () -> {
            var started = CompletableFuture.supplyAsync(
                    () -> ordersSystem.startOrderService(nextOrderInstance(), Ports.freePort(), relayEnabled()));
            startNotificationService().join();
            return started.join();
        });
        phase("wait until an order reaches a notification", () -> {
            awaitPipeline(orders);
            return null;
        });
        if (!options.smoke()) {
            warmUpPipeline(orders);
        }

        for (int rate : options.rates()) {
            String tag = "bench-cdc-" + rate;
            RelayTimer.Scrape before = RelayTimer.scrape(orders.baseUrl());
            LoadGenerator.OpenLoopResult api = phase(
                    "order API + CDC relay + consumer at " + rate + "/s",
                    () -> LoadGenerator.openLoop(
                            rate,
                            options.warmup(),
                            options.duration(),
                            options.connections(),
                            options.settle(),
                            httpClients(orders, tag, tag + "-warmup")));
            Map<UUID, Long> commits = db().outboxCommitsOfCustomer(tag);
            int missing = cdcObserver.awaitAll(commits.keySet(), options.settle());
            Samples lag = new Samples();
            commits.forEach((id, committed) -> {
                Long appended = cdcObserver.appendedAt(id);
                if (appended != null) {
                    lag.add(appended - committed / 1000.0);
                }
            });
            Map<UUID, Long> notified = awaitNotifications(commits.keySet());
            Samples endToEnd = new Samples();
            notified.forEach((id, notifiedAt) -> endToEnd.add((notifiedAt - commits.get(id)) / 1000.0));
            RelayTimer.Scrape after = RelayTimer.scrape(orders.baseUrl());
            results.cdcRates.add(new Results.RatePhase(
                    rate,
                    api,
                    new Results.Latencies(commits.size(), missing, lag.summary()),
                    new Results.Latencies(commits.size(), commits.size() - notified.size(), endToEnd.summary()),
                    after.since(before)));
        }

        results.apiSaturationWithRelay = phase(
                "order API at saturation (CDC relay and consumer running)",
                () -> LoadGenerator.closedLoop(
                        options.threads(),
                        options.warmup(),
                        options.saturationDuration(),
                        httpClients(orders, "bench-api-saturation-relay", "bench-api-saturation-relay")));
        phase("wait until the relay has published every outbox row", () -> {
            long rows = db().count("orders", "select count(*) from outbox");
            long deadline = System.nanoTime() + Math.max(options.settle().toNanos(), TimeUnit.MINUTES.toNanos(2));
            while (cdcObserver.distinctEvents() < rows && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            if (cdcObserver.distinctEvents() < rows) {
                warn("the relay had not published every outbox row before it was stopped ("
                        + cdcObserver.distinctEvents() + " of " + rows + "); the drain below includes the rest");
            }
            return null;
        });
        stopAll(notificationsSystem());
        stopAll(ordersSystem);
    }

    /** The services are fresh JVMs: warms them up at the highest rate, then lets the consumer catch up. */
    private void warmUpPipeline(ServiceProcess orders) throws Exception {
        int highest = options.rates().stream().mapToInt(Integer::intValue).max().orElse(100);
        phase("warm up the pipeline at " + highest + "/s", () -> {
            LoadGenerator.openLoop(
                    highest,
                    options.warmup().multipliedBy(2),
                    Duration.ZERO,
                    options.connections(),
                    options.settle(),
                    httpClients(orders, "bench-cdc-warmup", "bench-cdc-warmup"));
            awaitCaughtUp(true);
        });
    }

    /**
     * Waits until every outbox row is on the topic (and, if asked, has its notification), at most the settle time
     * or two minutes, whichever is longer.
     */
    private void awaitCaughtUp(boolean notifications) throws Exception {
        Duration patience =
                options.settle().compareTo(Duration.ofMinutes(2)) > 0 ? options.settle() : Duration.ofMinutes(2);
        long deadline = System.nanoTime() + patience.toNanos();
        long rows = db().count("orders", "select count(*) from outbox");
        while (System.nanoTime() < deadline) {
            boolean published = cdcObserver().distinctEvents() >= rows;
            if (published
                    && (!notifications || db().count("notifications", "select count(*) from notifications") >= rows)) {
                return;
            }
            Thread.sleep(200);
        }
        warn("the pipeline had not caught up after " + patience.toSeconds() + " s: "
                + cdcObserver().distinctEvents() + " of " + rows + " outbox rows on the topic");
    }

    /** Places an order every second until one has gone all the way to a notification. */
    private void awaitPipeline(ServiceProcess orders) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        byte[] request =
                HttpConnection.postRequest("localhost", orders.port(), "/orders", OrderRows.httpBody("bench-ready"));
        try (HttpConnection http = new HttpConnection("localhost", orders.port())) {
            while (System.nanoTime() < deadline) {
                int status = http.send(request);
                if (status != 201) {
                    throw new IllegalStateException("POST /orders answered " + status);
                }
                Map<UUID, Long> commits = db().outboxCommitsOfCustomer("bench-ready");
                if (cdcObserver().awaitAll(commits.keySet(), Duration.ofSeconds(1)) == 0
                        && db().notificationCommits(commits.keySet()).size() == commits.size()) {
                    return;
                }
            }
        }
        throw new IllegalStateException("No order reached a notification within 3 minutes; see the logs in " + logDir);
    }

    private Map<UUID, Long> awaitNotifications(Collection<UUID> eventIds) throws Exception {
        long deadline = System.nanoTime() + options.settle().toNanos();
        while (true) {
            Map<UUID, Long> notified = db().notificationCommits(eventIds);
            if (notified.size() >= eventIds.size() || System.nanoTime() > deadline) {
                return notified;
            }
            Thread.sleep(200);
        }
    }

    // ---------------------------------------------------------------- phase 4: the CDC relay's drain

    private void cdcDrain() throws Exception {
        Written backlog = phase(
                "write a backlog of " + options.backlog() + " while the relay is stopped",
                () -> writeBacklog("outbox", "bench-cdc-backlog"));
        OrderSystem system = newSystem();
        results.cdcDrain = phase("CDC relay drain of " + options.backlog(), () -> {
            long startMillis = System.currentTimeMillis();
            system.startOrderService(nextOrderInstance(), Ports.freePort(), relayEnabled());
            return drain(cdcObserver(), backlog, startMillis);
        });
        stopAll(system);
    }

    // ---------------------------------------------------------------- shared steps

    /** Event ids of a backlog and how long writing it took. */
    record Written(List<UUID> ids, double seconds) {}

    private Written writeBacklog(String outboxTable, String tag) throws Exception {
        long start = System.nanoTime();
        List<UUID> ids = new ArrayList<>(options.backlog());
        try (OrderRows.Writer writer = new OrderRows.Writer(
                OrderRows.connect(stack().jdbcUrl("orders"), stack().username(), stack().password()), outboxTable)) {
            while (ids.size() < options.backlog()) {
                ids.addAll(writer.placeBatch(tag, Math.min(BACKLOG_BATCH, options.backlog() - ids.size())));
            }
        }
        return new Written(ids, (System.nanoTime() - start) / 1e9);
    }

    private Results.Drain drain(TopicObserver observer, Written backlog, long startMillis) throws InterruptedException {
        Duration timeout = Duration.ofSeconds(
                Math.max(options.settle().toSeconds(), 120 + backlog.ids().size() / 500));
        int missing = observer.awaitAll(backlog.ids(), timeout);
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        int records = 0;
        for (UUID id : backlog.ids()) {
            Long appended = observer.appendedAt(id);
            if (appended != null) {
                records++;
                first = Math.min(first, appended);
                last = Math.max(last, appended);
            }
        }
        double seconds = records > 1 ? (last - first) / 1000.0 : 0;
        return new Results.Drain(
                backlog.ids().size(),
                records,
                missing,
                backlog.seconds(),
                seconds,
                records > 0 ? (last - startMillis) / 1000.0 : 0,
                seconds > 0 ? (records - 1) / seconds : 0);
    }

    /** HTTP keep-alive clients that post one order per call: the measured tag, or the warm-up tag. */
    private static LoadGenerator.ClientFactory httpClients(ServiceProcess orders, String tag, String warmupTag) {
        byte[] measuredRequest =
                HttpConnection.postRequest("localhost", orders.port(), "/orders", OrderRows.httpBody(tag));
        byte[] warmupRequest =
                HttpConnection.postRequest("localhost", orders.port(), "/orders", OrderRows.httpBody(warmupTag));
        return () -> {
            HttpConnection http = new HttpConnection("localhost", orders.port());
            http.connect();
            return client(
                    measured -> {
                        int status = http.send(measured ? measuredRequest : warmupRequest);
                        if (status != 201) {
                            throw new IOException("POST /orders answered " + status);
                        }
                        return null;
                    },
                    http);
        };
    }

    interface Call {
        @Nullable
        UUID call(boolean measured) throws Exception;
    }

    private static LoadGenerator.Client client(Call call, AutoCloseable resource) {
        return new LoadGenerator.Client() {
            @Override
            public @Nullable UUID call(boolean measured) throws Exception {
                return call.call(measured);
            }

            @Override
            public void close() throws Exception {
                resource.close();
            }
        };
    }

    /** Starts notification-service in the background, once; the future completes when it is healthy. */
    private synchronized CompletableFuture<ServiceProcess> startNotificationService() {
        if (notificationService == null) {
            OrderSystem system = newSystem();
            notificationsSystem = system;
            notificationService = CompletableFuture.supplyAsync(
                    () -> system.startNotificationService("notification-service-1", Ports.freePort(), Map.of()));
        }
        return notificationService;
    }

    private OrderSystem notificationsSystem() {
        if (notificationsSystem == null) {
            throw new IllegalStateException("notification-service was not started");
        }
        return notificationsSystem;
    }

    private Map<String, String> relayDisabled() {
        return Map.of("orders.relay.enabled", "false");
    }

    private Map<String, String> relayEnabled() {
        return Map.of("orders.relay.enabled", "true", RELAY_HISTOGRAM, "true");
    }

    private String nextOrderInstance() {
        return "order-service-" + (++orderInstances);
    }

    private OrderSystem newSystem() {
        OrderSystem system = new OrderSystem(stack(), mail(), logDir);
        resources.add(system);
        return system;
    }

    /** Reads each service's peak RSS, then stops it (SIGTERM, graceful). */
    private void stopAll(OrderSystem system) {
        for (ServiceProcess service : system.services()) {
            if (service.isAlive()) {
                String kind = service.name().startsWith(NOTIFICATION_SERVICE) ? NOTIFICATION_SERVICE : ORDER_SERVICE;
                Results.Rss rss = Machine.rss(kind, service.name(), service.pid());
                if (rss != null) {
                    results.rss.add(rss);
                }
            }
        }
        system.close();
    }

    private void versions() throws Exception {
        results.versions.put("java", System.getProperty("java.runtime.version"));
        results.versions.put(
                "jvm",
                System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version") + " ("
                        + System.getProperty("java.vm.vendor") + ")");
        results.versions.put("kafka", AppInfoParser.getVersion());
        results.versions.put("postgresql", db().version());
        Path root = OrderSystem.projectRoot();
        Machine.jarVersions(root.resolve("order-service/target/order-service.jar"), results.versions);
        Machine.jarVersions(root.resolve("notification-service/target/notification-service.jar"), results.versions);
    }

    interface Step<T> {
        T run() throws Exception;
    }

    interface VoidStep {
        void run() throws Exception;
    }

    private void phase(String name, VoidStep step) throws Exception {
        phase(name, () -> {
            step.run();
            return null;
        });
    }

    private <T> T phase(String name, Step<T> step) throws Exception {
        String load = Machine.loadAverage();
        Instant at = Instant.now();
        progress(name + " (load average " + load + ")");
        long start = System.nanoTime();
        T result = step.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        results.phases.add(
                new Results.Phase(name, at.truncatedTo(ChronoUnit.SECONDS).toString(), Report.round(seconds), load));
        return result;
    }

    static void progress(String message) {
        System.err.printf("[benchmark %s] %s%n", java.time.LocalTime.now().truncatedTo(ChronoUnit.SECONDS), message);
    }

    private static void warn(String message) {
        progress("WARNING: " + message);
    }

    private LocalStack stack() {
        return present(stack, "the local stack is not running");
    }

    private Database db() {
        return present(db, "the local stack is not running");
    }

    private TopicObserver cdcObserver() {
        return present(cdcObserver, "the topic observer is not running");
    }

    /** An outbox row of the JDBC ceiling phase (id, key, type, payload as text, trace parent). */
    private String[] sampleRow() {
        return present(sampleRow, "no outbox row was sampled");
    }

    private static <T> T present(@Nullable T value, String missing) {
        if (value == null) {
            throw new IllegalStateException(missing);
        }
        return value;
    }

    private MailCatcher mail() {
        return present(mail, "the mail catcher is not running");
    }

    /** Stops whatever is still running (services, relay, observers, the stack); safe to call twice. */
    void close() {
        closeAll();
    }

    private synchronized void closeAll() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                warn("could not stop " + resources.get(i) + ": " + e);
            }
        }
        resources.clear();
    }

    static Path defaultLogDir(Path outputDir) {
        try {
            Files.createDirectories(outputDir);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return outputDir.resolve("benchmark-logs");
    }
}
