package dev.ordersystem.benchmark;

import dev.ordersystem.benchmark.LoadGenerator.ClosedLoopResult;
import dev.ordersystem.benchmark.Testbed.Relay;
import dev.ordersystem.benchmark.Testbed.Services;
import dev.ordersystem.localstack.LocalStackOptions;
import dev.ordersystem.localstack.ServiceProcess;
import dev.ordersystem.localstack.StackMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Runs the phases of the benchmark, in this order, on one {@link Testbed}:
 *
 * <ol>
 *   <li>order-service with its relay disabled: the JDBC ceiling, the API at saturation, the cost of validating its
 *       token; then it stops;
 *   <li>the polling relay (in this JVM, on {@code outbox_polling}) at every rate, then its drain of each backlog size;
 *   <li>order-service with the CDC relay and notification-service: the pipeline at every rate (the API's latency, the
 *       relay's lag and end-to-end latency of the same orders), then the API at saturation with the pipeline running;
 *       both stop;
 *   <li>for each backlog size, a backlog is written while the relay is stopped, a new order-service instance starts and
 *       drains it;
 *   <li>the raw producer, with records the size of an outbox row of the JDBC phase (last, because it writes much more
 *       to the broker's disk than the rest).
 * </ol>
 *
 * The order tables are emptied before the CDC relay first starts, so its initial snapshot finds nothing to publish.
 * {@code --only drains} runs the two drains alone: the CDC relay's (after a first start of the relay on the empty
 * database), then the polling relay's; {@code --only pipeline} the third stage alone.
 * Every stage stops what it started (services, the polling relay, topic observers) when it ends, failed or not.
 */
final class Benchmark {

    private final BenchmarkOptions options;
    private final Testbed testbed;
    private final Database database;
    private final Timeline timeline;

    private Benchmark(BenchmarkOptions options, Testbed testbed, Timeline timeline) {
        this.options = options;
        this.testbed = testbed;
        this.database = testbed.database();
        this.timeline = timeline;
    }

    /** Runs every phase on a new testbed, which it stops at the end; the services' logs go to {@code logDir}. */
    static Results run(BenchmarkOptions options, Path logDir) throws Exception {
        Timeline timeline = new Timeline();
        Instant startedAt = Instant.now();
        String loadAverageAtStart = Machine.loadAverage();
        // production durability: every commit waits for its WAL flush to the disk, as it would in production
        LocalStackOptions stack =
                LocalStackOptions.forTests().withMode(StackMode.LOCAL).withDurability();
        try (Testbed testbed = timeline.step(
                "start PostgreSQL, Kafka, the mail catcher and the authorization server",
                () -> Testbed.start(stack, logDir))) {
            return new Benchmark(options, testbed, timeline).measure(startedAt, loadAverageAtStart);
        }
    }

    /** What the stage with the relay disabled measured, and an outbox row of its JDBC phase. */
    private record RelayOff(
            ClosedLoopResult jdbcCeiling,
            ApiSaturation.Result apiSaturation,
            TokenValidation.Result tokenValidation,
            OutboxRow sample,
            ApiWithRelay.@Nullable Result withPollingRelay) {}

    private record Polling(List<PollingAtRate.Result> rates, List<Drain.Result> drains) {
        static final Polling NONE = new Polling(List.of(), List.of());
    }

    private record Cdc(
            List<CdcAtRate.Result> rates,
            Pipeline.@Nullable WarmUp warmUp,
            ApiSaturation.@Nullable Result apiSaturation,
            ApiWithRelay.@Nullable Result withCdcRelay) {
        static final Cdc NONE = new Cdc(List.of(), null, null, null);
    }

    /** When the run started, how busy the machine was then, and the versions it ran. */
    private record Run(Instant startedAt, String loadAverageAtStart, Map<String, String> versions) {}

    private Results measure(Instant startedAt, String loadAverageAtStart) throws Exception {
        Run run = new Run(startedAt, loadAverageAtStart, Machine.versions(database.version()));
        if (options.only() == BenchmarkOptions.Phases.DRAINS) {
            List<Drain.Result> cdcDrains;
            try (TopicObserver topic = new TopicObserver(testbed.bootstrapServers(), Kafka.EVENTS_TOPIC)) {
                timeline.step("start the CDC relay once (slot, offsets, tables)", () -> primeCdcRelay(topic));
                cdcDrains = cdcDrains(topic);
            }
            Polling polling = new Polling(List.of(), pollingDrains(PollingRelay.BASELINE));
            return results(run, null, polling, Cdc.NONE, cdcDrains, null);
        }
        if (options.only() == BenchmarkOptions.Phases.API) {
            RelayOff relayOff = relayOff(Optional.empty());
            return results(run, relayOff, Polling.NONE, Cdc.NONE, List.of(), null);
        }
        if (options.only() == BenchmarkOptions.Phases.PIPELINE) {
            Cdc cdc;
            try (Services notifications = testbed.services();
                    TopicObserver topic = new TopicObserver(testbed.bootstrapServers(), Kafka.EVENTS_TOPIC)) {
                cdc = cdcPipeline(
                        new Pipeline(database, topic, options.settle(), testbed.tokens()),
                        notifications,
                        Optional.empty());
            }
            return results(run, null, Polling.NONE, cdc, List.of(), null);
        }
        RelayOff relayOff;
        Polling polling;
        Cdc cdc;
        List<Drain.Result> cdcDrains;
        try (Services notifications = testbed.services()) {
            // a smoke run starts notification-service at once: idle until the CDC phases, it saves them its start time
            Optional<CompletableFuture<ServiceProcess>> startedEarly = options.smoke()
                    ? Optional.of(notifications.startNotificationServiceInBackground())
                    : Optional.empty();
            relayOff = relayOff(startedEarly);
            polling = pollingRelay();
            database.truncateOrders(); // the relay's first start snapshots the outbox: leave nothing in it
            try (TopicObserver topic = new TopicObserver(testbed.bootstrapServers(), Kafka.EVENTS_TOPIC)) {
                cdc = cdcPipeline(
                        new Pipeline(database, topic, options.settle(), testbed.tokens()), notifications, startedEarly);
                cdcDrains = cdcDrains(topic);
            }
        }
        // last: it writes far more to the broker's disk than anything else, which would disturb later phases
        RawProducer.Result rawProducer = timeline.run(new RawProducer(
                testbed.bootstrapServers(), relayOff.sample(), options.warmup(), options.saturationDuration()));
        return results(run, relayOff, polling, cdc, cdcDrains, rawProducer);
    }

    /** What the run measured; the parts of skipped phases are {@code null}. */
    private Results results(
            Run run,
            @Nullable RelayOff relayOff,
            Polling polling,
            Cdc cdc,
            List<Drain.Result> cdcDrains,
            RawProducer.@Nullable Result rawProducer) {
        Instant finishedAt = Instant.now();
        return new Results(
                options,
                run.startedAt().truncatedTo(ChronoUnit.SECONDS).toString(),
                finishedAt.truncatedTo(ChronoUnit.SECONDS).toString(),
                Duration.between(run.startedAt(), finishedAt).toMillis() / 1000.0,
                Machine.describe(run.loadAverageAtStart()),
                run.versions(),
                testbed.postgresSettings(),
                relayOff == null ? null : relayOff.jdbcCeiling(),
                relayOff == null ? null : relayOff.apiSaturation(),
                relayOff == null ? null : relayOff.tokenValidation(),
                polling.rates(),
                polling.drains(),
                cdc.rates(),
                cdc.warmUp(),
                cdc.apiSaturation(),
                Stream.of(relayOff == null ? null : relayOff.withPollingRelay(), cdc.withCdcRelay())
                        .filter(Objects::nonNull)
                        .toList(),
                cdcDrains,
                rawProducer,
                testbed.peakRss(),
                timeline.entries());
    }

    /**
     * Starts order-service with the CDC relay on the empty database (it creates the tables), waits until an order
     * written then is on the topic, and stops it: the relay's slot and offsets now exist, so the next start streams
     * what was written meanwhile.
     */
    private Void primeCdcRelay(TopicObserver topic) throws Exception {
        try (Services services = testbed.services()) {
            services.startOrderService(Relay.CDC);
            WriteBacklog.Backlog one =
                    new WriteBacklog("one order", database, Database.OUTBOX, "bench-cdc-prime", 1).run();
            if (topic.awaitAll(one.ids(), options.settle()) > 0) {
                throw new IllegalStateException("The CDC relay did not publish an order within " + options.settle());
            }
            return null;
        }
    }

    /**
     * order-service with its relay disabled (and nothing else running): the JDBC ceiling, then the API, then what
     * validating the API's token costs. A notification-service started early (smoke) has finished starting before the
     * first measurement: its start would take the cores from what is measured.
     */
    private RelayOff relayOff(Optional<CompletableFuture<ServiceProcess>> notificationServiceStartedEarly)
            throws Exception {
        try (Services services = testbed.services()) {
            ServiceProcess orders = timeline.step(
                    "start order-service (relay disabled)", () -> services.startOrderService(Relay.DISABLED));
            if (notificationServiceStartedEarly.isPresent()) {
                timeline.step(
                        "wait until notification-service has started", notificationServiceStartedEarly.get()::join);
            }
            ClosedLoopResult jdbcCeiling = timeline.run(new JdbcCeiling(database, options.saturation()));
            OutboxRow sample = database.sampleOutboxRow();
            database.truncateOrders();
            ApiSaturation.Result api =
                    apiSaturation("order API at saturation (relay disabled)", orders, "bench-api-saturation");
            TokenValidation.Result tokenValidation = timeline.run(new TokenValidation(
                    testbed.issuer(), testbed.tokens().staff().get(), options.warmup(), options.saturationDuration()));
            ApiWithRelay.Result withPolling = null;
            if (options.only() == BenchmarkOptions.Phases.ALL) {
                database.truncateOrders();
                try (PollingRelay relay = PollingRelay.start(
                        PollingRelay.ON_ORDER_SERVICE_OUTBOX, database, testbed.bootstrapServers())) {
                    withPolling = timeline.run(apiWithRelay("polling", orders));
                }
            }
            return new RelayOff(jdbcCeiling, api, tokenValidation, sample, withPolling);
        }
    }

    /** The API of a warm {@code orders} with {@code relay} running: at saturation and at the highest offered rate. */
    private ApiWithRelay apiWithRelay(String relay, ServiceProcess orders) {
        return new ApiWithRelay(relay, orders, testbed.tokens(), options.saturation(), options.openLoop(highestRate()));
    }

    /** The highest of the fixed rates (orders/s). */
    private int highestRate() {
        return options.rates().stream().mapToInt(Integer::intValue).max().orElse(100);
    }

    /**
     * The order API of {@code orders} at saturation, its orders tagged with {@code tag}, after a warm-up until the JIT
     * compilers of order-service and of this JVM (the load generator) are quiet.
     */
    private ApiSaturation.Result apiSaturation(String name, ServiceProcess orders, String tag) throws Exception {
        JitWarmUp jit = jitWarmUp(orders.pid(), ProcessHandle.current().pid());
        return timeline.run(new ApiSaturation(name, orders, testbed.tokens(), tag, jit, options.saturation()));
    }

    /**
     * A warm-up of these JVMs until their JIT compilers are quiet: at least {@code --api-warmup}, at most four minutes
     * more (a smoke run: exactly {@code --api-warmup}; its figures mean nothing anyway).
     */
    private JitWarmUp jitWarmUp(Long... jvms) {
        Duration least = options.apiWarmup();
        return new JitWarmUp(least, options.smoke() ? least : least.plus(Duration.ofMinutes(4)), List.of(jvms));
    }

    /** The polling relay at every rate, then its drain of a backlog of each size, written while it is stopped. */
    private Polling pollingRelay() throws Exception {
        database.truncateOrders();
        database.createPollingOutbox();
        String bootstrapServers = testbed.bootstrapServers();
        PollingRelay.Settings settings = PollingRelay.BASELINE;
        try (TopicObserver topic = new TopicObserver(bootstrapServers, settings.topic())) {
            List<PollingAtRate.Result> rates;
            try (PollingRelay relay = PollingRelay.start(settings, database, bootstrapServers)) {
                rates = timeline.runAll(options.rates().stream()
                        .map(rate ->
                                new PollingAtRate(database, relay, topic, options.openLoop(rate), options.settle()))
                        .toList());
            }
            return new Polling(rates, pollingDrains(settings, topic));
        }
    }

    /** The polling relay's drains of a backlog of each size, written while it is stopped, observed on its topic. */
    private List<Drain.Result> pollingDrains(PollingRelay.Settings settings, TopicObserver topic) throws Exception {
        List<Drain.Result> drains = new ArrayList<>();
        for (int size : options.backlogs()) {
            WriteBacklog.Backlog backlog = timeline.run(new WriteBacklog(
                    "write a backlog of " + size + " while the polling relay is stopped",
                    database,
                    settings.table(),
                    "bench-polling-backlog",
                    size));
            drains.add(timeline.run(new Drain(
                    "polling relay drain of " + size,
                    backlog,
                    topic,
                    options.settle(),
                    database,
                    () -> PollingRelay.start(settings, database, testbed.bootstrapServers()))));
        }
        return drains;
    }

    /** The polling relay's drains alone, on a new polling outbox. */
    private List<Drain.Result> pollingDrains(PollingRelay.Settings settings) throws Exception {
        database.truncateOrders();
        database.createPollingOutbox();
        try (TopicObserver topic = new TopicObserver(testbed.bootstrapServers(), settings.topic())) {
            return pollingDrains(settings, topic);
        }
    }

    /**
     * order-service with the CDC relay and notification-service (unless it was started early): the pipeline at every
     * rate, then the API at saturation; then both stop, notification-service first.
     */
    private Cdc cdcPipeline(
            Pipeline pipeline,
            Services notifications,
            Optional<CompletableFuture<ServiceProcess>> notificationServiceStartedEarly)
            throws Exception {
        try (Services services = testbed.services()) {
            var notificationService = new AtomicReference<ServiceProcess>();
            ServiceProcess orders = timeline.step("start order-service (CDC relay) and notification-service", () -> {
                var started = CompletableFuture.supplyAsync(() -> services.startOrderService(Relay.CDC));
                notificationService.set(notificationServiceStartedEarly
                        .orElseGet(notifications::startNotificationServiceInBackground)
                        .join());
                return started.join();
            });
            var processes = new PipelineCpu.Processes(
                    orders.pid(), notificationService.get().pid(), database.postmasterPid());
            Pipeline.@Nullable WarmUp warmUp = null;
            timeline.step("wait until an order reaches a notification", () -> pipeline.awaitFirstNotification(orders));
            if (!options.smoke()) {
                // fresh JVMs: at a rate the pipeline sustains, until the JIT compilers are quiet (the fixed rates would
                // otherwise measure the C2 compilers and interpreted code: a minute after the start, order-service's C2
                // thread still took a quarter of a core at 50/s)
                int rate = Math.max(1, highestRate() / 2);
                JitWarmUp jit = jitWarmUp(
                        processes.orderService(),
                        processes.notificationService(),
                        ProcessHandle.current().pid());
                warmUp = timeline.step(
                        "warm up the pipeline at " + rate + "/s until the JIT compilers are quiet ("
                                + jit.least().toSeconds() + " to " + jit.most().toSeconds() + " s)",
                        () -> pipeline.warmUp(orders, rate, jit, options.connections()));
            }
            List<CdcAtRate.Result> rates = timeline.runAll(options.rates().stream()
                    .map(rate -> new CdcAtRate(pipeline, orders, processes, options.openLoop(rate)))
                    .toList());
            ApiSaturation.Result api = apiSaturation(
                    "order API at saturation (CDC relay and consumer running)", orders, "bench-api-saturation-relay");
            notifications.close();
            ApiWithRelay.Result withCdc = timeline.run(apiWithRelay("CDC", orders));
            timeline.step(
                    "wait until the relay has published every outbox row",
                    () -> pipeline.awaitCaughtUp(false, "the drain below includes the rest"));
            return new Cdc(rates, warmUp, api, withCdc);
        }
    }

    /** For each backlog size: a backlog written while order-service is stopped, drained by a new instance's relay. */
    private List<Drain.Result> cdcDrains(TopicObserver topic) throws Exception {
        List<Drain.Result> drains = new ArrayList<>();
        for (int size : options.backlogs()) {
            WriteBacklog.Backlog backlog = timeline.run(new WriteBacklog(
                    "write a backlog of " + size + " while the relay is stopped",
                    database,
                    Database.OUTBOX,
                    "bench-cdc-backlog",
                    size));
            drains.add(timeline.run(
                    new Drain("CDC relay drain of " + size, backlog, topic, options.settle(), database, () -> {
                        Services services = testbed.services();
                        services.startOrderService(Relay.CDC);
                        return services;
                    })));
        }
        return drains;
    }
}
