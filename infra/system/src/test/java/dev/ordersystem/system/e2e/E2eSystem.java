package dev.ordersystem.system.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersystem.events.Topics;
import dev.ordersystem.localstack.KafkaCluster;
import dev.ordersystem.localstack.LocalStack;
import dev.ordersystem.localstack.LocalStackOptions;
import dev.ordersystem.localstack.Ports;
import dev.ordersystem.localstack.ServiceProcess;
import dev.ordersystem.localstack.StackMode;
import dev.ordersystem.localstack.TcpProxy;
import dev.ordersystem.system.DemoAccount;
import dev.ordersystem.system.IdentityProcess;
import dev.ordersystem.system.MailCatcher;
import dev.ordersystem.system.OrderSystem;
import dev.ordersystem.system.RenewingToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One running order system for a test class: the local stack (PostgreSQL and a Kafka broker, or PostgreSQL and a
 * 3-broker {@link KafkaCluster}), a mail catcher, the authorization server (a process, whose issuer every service
 * trusts), any number of service processes, and the means to check them: SQL on both databases, a group-less reader of
 * {@code orders.events}, a Kafka admin client, the access tokens of the demo's accounts ({@link #token}), and the spans
 * every service exports ({@link #spans()}).
 *
 * <p>The means to break them too: the {@code notifications} database runs on a PostgreSQL server of its own, so that
 * either server can be stopped, killed and started again on its own ({@code stack().stopPostgres("notifications")});
 * an order-service instance can be started with its database connections through a {@link TcpProxy} ({@link
 * #startOrderServiceBehindProxy}) to cut them; {@link #stop} measures how long a service takes to exit after SIGTERM,
 * and {@link OrderApi#answers()} counts the API's answers by status. Service logs go to
 * {@code infra/system/target/e2e-logs/<suite>/<service>.log} (a restarted service appends to its file), and each
 * {@link Scenario} copies the part written during it to {@code e2e-logs/<scenario>/}. Closing stops everything.
 */
final class E2eSystem implements AutoCloseable {

    static final String TOPIC = Topics.ORDER_EVENTS;
    static final String DEAD_LETTER_TOPIC = Topics.ORDER_EVENTS_DEAD_LETTERS;
    static final String GROUP = "notification-service";

    /** Settings for every order-service instance; rows stay in the outbox long enough to be checked. */
    static final Map<String, String> ORDER_SERVICE_DEFAULTS = Map.of("orders.relay.outbox-retention", "PT2H");

    /**
     * Settings for every notification-service instance: mail is sent as fast as it is created, and a killed member
     * leaves the group after 6 s (the broker's minimum session timeout) instead of 45 s.
     */
    static final Map<String, String> NOTIFICATION_SERVICE_DEFAULTS = Map.of(
            "notifications.email.poll-interval", "PT0.2S",
            "notifications.email.batch-size", "200",
            "spring.kafka.consumer.properties.session.timeout.ms", "6000",
            "spring.kafka.consumer.properties.heartbeat.interval.ms", "1000");

    static final Path LOG_ROOT = OrderSystem.projectRoot().resolve("infra/system/target/e2e-logs");

    static {
        // A service SIGKILLed in the middle of an SMTP conversation makes the in-process SMTP server's connection
        // thread die with "Connection reset". That is the crash under test, not a failure of the test: waits must judge
        // their own conditions, not uncaught exceptions of the mail server's threads (Awaitility's default).
        Awaitility.doNotCatchUncaughtExceptionsByDefault();
        try {
            Files.createDirectories(LOG_ROOT);
            Files.deleteIfExists(LOG_ROOT.resolve("summary.txt")); // the summary lines of this run only
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final String suite;
    private final LocalStack stack;
    private final @Nullable KafkaCluster cluster;
    private final MailCatcher mail;
    private final IdentityProcess identity;
    private final Map<DemoAccount, RenewingToken> tokens = new ConcurrentHashMap<>();
    private final Admin admin;
    private final Databases databases;
    private final SpanCollector spans = SpanCollector.start();
    private final Map<String, Service> services = new LinkedHashMap<>();
    private final Map<String, TcpProxy> proxies = new ConcurrentHashMap<>();
    private final Thread killOnExit;
    private @Nullable TopicLog topic;

    /** A service this system started, its owner and what starts it again the same way (port, settings). */
    private static final class Service {
        final OrderSystem owner;
        final Supplier<ServiceProcess> starter;
        volatile ServiceProcess process;

        Service(OrderSystem owner, Supplier<ServiceProcess> starter, ServiceProcess process) {
            this.owner = owner;
            this.starter = starter;
            this.process = process;
        }
    }

    private E2eSystem(
            String suite,
            LocalStack stack,
            @Nullable KafkaCluster cluster,
            MailCatcher mail,
            IdentityProcess identity) {
        // if the test JVM is stopped (Ctrl-C, a fork timeout) before close(), the services must not outlive it
        this.killOnExit = new Thread(
                () -> processes().forEach(p -> ProcessHandle.of(p.pid()).ifPresent(ProcessHandle::destroyForcibly)),
                "e2e-kill-services");
        Runtime.getRuntime().addShutdownHook(killOnExit);
        this.suite = suite;
        this.stack = stack;
        this.cluster = cluster;
        this.mail = mail;
        this.identity = identity;
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                30_000,
                AdminClientConfig.CLIENT_ID_CONFIG,
                "e2e-admin"));
        this.databases = new Databases(stack);
    }

    /** PostgreSQL, one Kafka broker and a mail catcher. */
    static E2eSystem singleBroker(String suite) {
        return start(suite, 0);
    }

    /** PostgreSQL (from the local stack) and a cluster of {@code brokers} Kafka broker processes. */
    static E2eSystem withCluster(String suite, int brokers) {
        return start(suite, brokers);
    }

    private static E2eSystem start(String suite, int brokers) {
        deleteDirectory(LOG_ROOT.resolve(suite));
        // always the local servers, even where Docker is available: the outage scenarios stop and start the broker and
        // the PostgreSQL servers, which only the local stack can do, and a KafkaCluster is local processes anyway
        LocalStack stack = LocalStack.start(
                LocalStackOptions.forTests().withMode(StackMode.LOCAL).withSeparateServers("notifications"));
        KafkaCluster cluster = null;
        MailCatcher mail = null;
        IdentityProcess identity = null;
        try {
            if (brokers > 0) {
                cluster = KafkaCluster.start(brokers);
            }
            int[] mailPorts = Ports.findFree(2);
            mail = MailCatcher.start(mailPorts[0], mailPorts[1]);
            identity = IdentityProcess.start(Ports.freePort(), List.of(), LOG_ROOT.resolve(suite));
            return new E2eSystem(suite, stack, cluster, mail, identity);
        } catch (RuntimeException e) {
            if (identity != null) {
                identity.close();
            }
            if (mail != null) {
                mail.close();
            }
            if (cluster != null) {
                cluster.close();
            }
            stack.close();
            throw e;
        }
    }

    String bootstrapServers() {
        return cluster != null ? cluster.bootstrapServers() : stack.bootstrapServers();
    }

    LocalStack stack() {
        return stack;
    }

    KafkaCluster cluster() {
        if (cluster == null) {
            throw new IllegalStateException("this system runs on the single broker of the local stack");
        }
        return cluster;
    }

    MailCatcher mail() {
        return mail;
    }

    /** The spans every service exports. */
    SpanCollector spans() {
        return spans;
    }

    /** Every service exports its spans to {@link #spans}, each second. */
    private Map<String, String> tracing() {
        return Map.of(
                "management.tracing.export.zipkin.endpoint",
                spans.endpoint(),
                "management.opentelemetry.tracing.export.schedule-delay",
                "1s");
    }

    Admin admin() {
        return admin;
    }

    /** A valid access token of {@code account} (fetched on first use, renewed before it expires). */
    String token(DemoAccount account) {
        return tokens.computeIfAbsent(account, identity::renewingToken).get();
    }

    Databases db() {
        return databases;
    }

    /** The group-less reader of {@code orders.events} (created on first use). */
    synchronized TopicLog topic() {
        if (topic == null) {
            topic = new TopicLog(bootstrapServers(), TOPIC);
        }
        return topic;
    }

    String suite() {
        return suite;
    }

    /** Starts order-service instances and notification-service instances at once and waits until all are healthy. */
    void startInParallel(Map<String, Map<String, String>> orderServices, Map<String, Map<String, String>> notifiers) {
        List<Supplier<ServiceProcess>> starts = new ArrayList<>();
        orderServices.forEach((name, extra) -> starts.add(() -> startOrderService(name, extra)));
        notifiers.forEach((name, extra) -> starts.add(() -> startNotificationService(name, extra)));
        startAtOnce(starts);
    }

    /** Runs these service starts at once (each returns once its service is healthy) and waits until all are done. */
    void startAtOnce(List<Supplier<ServiceProcess>> starts) {
        CompletableFuture.allOf(
                        starts.stream().map(CompletableFuture::supplyAsync).toArray(CompletableFuture[]::new))
                .join();
    }

    /** Starts an order-service instance named {@code name} on a free port and waits until it is healthy. */
    ServiceProcess startOrderService(String name, Map<String, String> extraProperties) {
        Map<String, String> properties = new LinkedHashMap<>(ORDER_SERVICE_DEFAULTS);
        properties.putAll(tracing());
        if (cluster != null) {
            properties.put("spring.kafka.bootstrap-servers", cluster.bootstrapServers());
        }
        properties.putAll(extraProperties);
        int port = Ports.freePort();
        return start(name, owner -> owner.startOrderService(name, port, properties));
    }

    /**
     * Starts an order-service instance like {@link #startOrderService}, with its database connections (the pool, the
     * relay's lease and Debezium's) through a {@link TcpProxy} of its own, {@link #databaseProxy(String)}; a restart
     * keeps using it.
     */
    ServiceProcess startOrderServiceBehindProxy(String name, Map<String, String> extraProperties) {
        TcpProxy proxy = stack.postgresProxy("orders");
        if (proxies.putIfAbsent(name, proxy) != null) {
            proxy.close();
            throw new IllegalStateException(name + " has a proxy already");
        }
        Map<String, String> properties = new LinkedHashMap<>(extraProperties);
        properties.put("spring.datasource.url", "jdbc:postgresql://" + proxy.address() + "/orders");
        return startOrderService(name, properties);
    }

    /** The proxy between an instance started by {@link #startOrderServiceBehindProxy} and its database. */
    TcpProxy databaseProxy(String name) {
        TcpProxy proxy = proxies.get(name);
        if (proxy == null) {
            throw new IllegalArgumentException(name + " was not started behind a proxy");
        }
        return proxy;
    }

    /** Starts a notification-service instance named {@code name} (also its Kafka client id) on a free port. */
    ServiceProcess startNotificationService(String name, Map<String, String> extraProperties) {
        Map<String, String> properties = new LinkedHashMap<>(NOTIFICATION_SERVICE_DEFAULTS);
        properties.putAll(tracing());
        properties.put("spring.kafka.consumer.client-id", name);
        if (cluster != null) {
            properties.put("spring.kafka.bootstrap-servers", cluster.bootstrapServers());
        }
        properties.putAll(extraProperties);
        int port = Ports.freePort();
        return start(name, owner -> owner.startNotificationService(name, port, properties));
    }

    /**
     * Starts the ops console named {@code name} on a free port for the given order-service and notification-service
     * instances; its users log in through {@code http://127.0.0.1:<port>}.
     */
    ServiceProcess startOpsConsole(String name, String orderService, String notificationService) {
        int port = Ports.freePort();
        return start(name, owner -> owner.startOpsConsole(name, port, orderService, notificationService, Map.of()));
    }

    /** Starts a stopped or killed service again, on its port with its settings, and waits until it is healthy. */
    ServiceProcess restart(String name) {
        Service service = service(name);
        if (service.process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        note(name, "restarting");
        service.process = service.starter.get();
        return service.process;
    }

    /** SIGKILL. */
    void kill(String name) {
        note(name, "SIGKILL by the test");
        service(name).process.kill();
    }

    /** SIGTERM, graceful shutdown; returns how long the service took to exit (see {@link ServiceProcess#stop()}). */
    Duration stop(String name) {
        note(name, "SIGTERM by the test");
        Duration exit = service(name).process.stop();
        note(name, "exited " + exit.toMillis() + " ms after SIGTERM");
        return exit;
    }

    ServiceProcess process(String name) {
        return service(name).process;
    }

    List<ServiceProcess> processes() {
        synchronized (services) {
            return services.values().stream().map(s -> s.process).toList();
        }
    }

    /** The relay's health component of an order-service instance (also when it is DOWN). */
    Optional<JsonNode> relayHealth(String name) {
        return Rest.body(process(name).baseUrl() + "/actuator/health/relay", token(DemoAccount.OPERATOR));
    }

    /** {@code LEADER}, {@code STANDBY}, ... or empty while the instance does not answer. */
    Optional<String> relayRole(String name) {
        return relayHealth(name)
                .map(h -> h.path("details").path("role").asString(""))
                .filter(role -> !role.isEmpty());
    }

    /** Whether the instance is the relay leader and its engine streams changes. */
    boolean relayStreaming(String name) {
        return relayHealth(name)
                .map(h -> "LEADER".equals(h.path("details").path("role").asString(""))
                        && h.path("details").path("streaming").asBoolean(false))
                .orElse(false);
    }

    /** Waits until {@code standby} stands by for the relay while {@code leader} leads it and streams. */
    void awaitStandby(String standby, String leader, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            assertThat(relayRole(standby)).hasValue("STANDBY");
            assertThat(relayStreaming(leader)).isTrue();
        });
    }

    /** Waits until {@code name} is the relay leader and streams. */
    void awaitRelayStreaming(String name, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> relayStreaming(name));
    }

    /** The consumer group as the broker describes it (empty while the coordinator is not available). */
    Optional<ConsumerGroupDescription> group() {
        try {
            return Optional.ofNullable(admin.describeConsumerGroups(List.of(GROUP))
                    .all()
                    .get(20, TimeUnit.SECONDS)
                    .get(GROUP));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /**
     * The group's consumer lag on {@code orders.events} as Kafka's own tools compute it: per partition the log-end
     * offset minus the committed offset (the whole log for a partition without a committed offset), summed.
     */
    long lag() throws Exception {
        var committed = admin.listConsumerGroupOffsets(GROUP)
                .partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS);
        var ends = admin.listOffsets(partitionsOf(TOPIC).stream()
                        .collect(Collectors.toMap(Function.identity(), tp -> OffsetSpec.latest())))
                .all()
                .get(30, TimeUnit.SECONDS);
        long lag = 0;
        for (var end : ends.entrySet()) {
            OffsetAndMetadata position = committed.get(end.getKey());
            lag += end.getValue().offset() - (position == null ? 0 : position.offset());
        }
        return lag;
    }

    /** How many records the dead-letter topic holds (its log-end offsets summed; 0 while it does not exist). */
    long deadLetterRecords() throws Exception {
        if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(DEAD_LETTER_TOPIC)) {
            return 0;
        }
        return admin
                .listOffsets(partitionsOf(DEAD_LETTER_TOPIC).stream()
                        .collect(Collectors.toMap(Function.identity(), tp -> OffsetSpec.latest())))
                .all()
                .get(30, TimeUnit.SECONDS)
                .values()
                .stream()
                .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset)
                .sum();
    }

    private List<TopicPartition> partitionsOf(String topic) throws Exception {
        return admin
                .describeTopics(List.of(topic))
                .allTopicNames()
                .get(30, TimeUnit.SECONDS)
                .get(topic)
                .partitions()
                .stream()
                .map(partition -> new TopicPartition(topic, partition.partition()))
                .toList();
    }

    /**
     * Partitions of {@code orders.events} per instance (members grouped by client id prefix, the instance name),
     * sorted; instances without partitions are listed with an empty set.
     */
    Map<String, Set<Integer>> assignment() {
        Map<String, Set<Integer>> byInstance = new TreeMap<>();
        group().ifPresent(group -> {
            for (MemberDescription member : group.members()) {
                Set<Integer> partitions =
                        byInstance.computeIfAbsent(instanceOf(member.clientId()), k -> new TreeSet<>());
                for (TopicPartition partition : member.assignment().topicPartitions()) {
                    if (partition.topic().equals(TOPIC)) {
                        partitions.add(partition.partition());
                    }
                }
            }
        });
        return byInstance;
    }

    private List<OrderSystem> owners() {
        synchronized (services) {
            return services.values().stream().map(s -> s.owner).toList();
        }
    }

    private String instanceOf(String clientId) {
        synchronized (services) {
            return services.keySet().stream()
                    .filter(name -> clientId.equals(name) || clientId.startsWith(name + "-"))
                    .findFirst()
                    .orElse(clientId);
        }
    }

    /** Starts a scenario: its customers, its log directory, its summary line. */
    Scenario scenario(String name) {
        return new Scenario(this, name);
    }

    /** The log files of every service, by service name. */
    Map<String, Path> logFiles() {
        Map<String, Path> files = new LinkedHashMap<>();
        synchronized (services) {
            services.forEach((name, service) -> files.put(name, service.process.logFile()));
        }
        return files;
    }

    /** Appends a line, marked as the test's, to the log of a service (the service appends to the same file). */
    void note(String name, String text) {
        appendLine(
                logDir().resolve(name + ".log"),
                "##### e2e " + LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " " + text + " #####");
    }

    /** Appends a line to a file, creating it if need be. */
    static void appendLine(Path file, String line) {
        try {
            Files.writeString(
                    file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path logDir() {
        return LOG_ROOT.resolve(suite);
    }

    /**
     * Stops every service (SIGTERM, in parallel), then the proxies, the readers, the mail catcher, the authorization
     * server, Kafka and PostgreSQL.
     */
    @Override
    public void close() {
        List<Runnable> steps = new ArrayList<>();
        // every instance ever started, including one whose restart did not become healthy
        steps.add(() -> CompletableFuture.allOf(owners().stream()
                        .map(owner -> CompletableFuture.runAsync(owner::close))
                        .toArray(CompletableFuture[]::new))
                .join());
        steps.add(() -> Runtime.getRuntime().removeShutdownHook(killOnExit));
        steps.add(() -> proxies.values().forEach(TcpProxy::close));
        steps.add(() -> {
            if (topic != null) {
                topic.close();
            }
        });
        steps.add(() -> admin.close(Duration.ofSeconds(5)));
        steps.add(mail::close);
        steps.add(spans::close);
        steps.add(identity::close);
        steps.add(() -> {
            if (cluster != null) {
                // SIGKILL first: a controlled shutdown of the survivors of a killed node takes ~30 s, and the
                // cluster's data is deleted anyway
                for (int i = 0; i < cluster.size(); i++) {
                    cluster.kill(i);
                }
                cluster.close();
            }
        });
        steps.add(stack::close);
        RuntimeException failure = null;
        for (Runnable step : steps) {
            try {
                step.run();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private ServiceProcess start(String name, Function<OrderSystem, ServiceProcess> starting) {
        OrderSystem owner = new OrderSystem(stack, mail, identity.issuer(), logDir(), ServiceProcess.TEST_JVM_OPTIONS);
        Supplier<ServiceProcess> starter = () -> starting.apply(owner);
        synchronized (services) {
            if (services.containsKey(name)) {
                throw new IllegalStateException(name + " was started already; use restart");
            }
        }
        try {
            ServiceProcess process = starter.get();
            synchronized (services) {
                services.put(name, new Service(owner, starter, process));
            }
            return process;
        } catch (RuntimeException e) {
            owner.close(); // a process that did not become healthy must not outlive the test
            throw e;
        }
    }

    private Service service(String name) {
        synchronized (services) {
            Service service = services.get(name);
            if (service == null) {
                throw new IllegalArgumentException("no service " + name);
            }
            return service;
        }
    }

    private static void deleteDirectory(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
