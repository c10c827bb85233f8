package dev.ordersystem.system.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersystem.events.MessageIds;
import dev.ordersystem.system.DemoAccount;
import dev.ordersystem.system.MailCatcher;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * Scenarios 1–6, 8 and 9 of the end-to-end suite and the trace of one order, on one system (PostgreSQL, one Kafka broker, a mail
 * catcher, order-service and notification-service as processes), in a fixed order: nothing is reset between them,
 * each places orders for its own customers and checks those in both databases and on the topic. Crashes are real
 * SIGKILLs of the service processes. Scenario 4 (two notification-service instances sharing the partitions) runs last:
 * it replaces the suite's notifier with its two instances.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndIntegrationTests extends E2eSuite {

    /** Documented bound of the relay failover: the standby streams within 15 s of the leader's death. */
    static final Duration TAKEOVER_BOUND = Duration.ofSeconds(15);

    private static final String NOTIFIER = "notify-1";

    /** The two members of the consumer group in scenario 4, with one consumer each (one member per instance). */
    private static final String A = "notify-a";

    private static final String B = "notify-b";
    private static final Map<String, String> ONE_CONSUMER = Map.of("notifications.concurrency", "1");

    /** The order-service instance the API calls go to (changes in the failover scenario). */
    private static String orderService = ORDER_SERVICE;

    @BeforeAll
    static void startSystem() {
        system = E2eSystem.singleBroker("single-broker");
        startServices(Map.of(), Map.of(NOTIFIER, Map.of()));
    }

    @Test
    @Order(1)
    void happyPathNotifiesEachCustomerOncePerEventInOrderAndMailsEachNotification() {
        try (Scenario scenario = system.scenario("happy-path")) {
            List<PlacedOrder> orders = scenario.load(api, 200, 4, 0).awaitCompletion(Duration.ofMinutes(3));
            int events =
                    orders.stream().mapToInt(o -> o.flow().eventTypes().size()).sum();

            scenario.step("waiting until every notification's email is SENT and at the SMTP server");
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        Map<UUID, String> statuses = system.db().emailStatuses(scenario.customerPrefix());
                        return statuses.size() == events
                                && statuses.values().stream().allMatch("SENT"::equals);
                    });
            var notifications = system.db().notifications(scenario.customerPrefix());
            Map<String, List<MailCatcher.Mail>> mailByMessageId =
                    system.mail().messages().stream().collect(Collectors.groupingBy(MailCatcher.Mail::messageId));
            for (var notification : notifications) {
                List<MailCatcher.Mail> mails =
                        mailByMessageId.getOrDefault(MessageIds.of(notification.id()), List.of());
                assertThat(mails)
                        .as("emails of notification %s", notification.id())
                        .hasSize(1);
                assertThat(mails.get(0).to()).contains(notification.recipient());
                assertThat(mails.get(0).subject()).isNotBlank();
            }
            scenario.extra("emails", notifications.size());

            scenario.step("reading every customer's feed through the REST API");
            Map<String, List<UUID>> eventsByCustomer = notifications.stream()
                    .collect(Collectors.groupingBy(
                            Databases.NotificationRow::customerId,
                            Collectors.mapping(Databases.NotificationRow::eventId, Collectors.toList())));
            Map<String, Integer> expectedByCustomer = new HashMap<>();
            orders.forEach(o -> expectedByCustomer.merge(
                    o.customerId(), o.flow().eventTypes().size(), Integer::sum));
            String feedBase = system.process(NOTIFIER).baseUrl();
            for (var customer : expectedByCustomer.entrySet()) {
                JsonNode feed = Rest.get(
                                feedBase + "/customers/" + customer.getKey() + "/notifications?size=100",
                                system.token(DemoAccount.STAFF))
                        .orElseThrow();
                assertThat(feed.path("totalItems").asInt())
                        .as("feed of %s", customer.getKey())
                        .isEqualTo(customer.getValue());
                List<UUID> feedEvents = feed.path("items")
                        .valueStream()
                        .map(item -> UUID.fromString(item.path("eventId").asString()))
                        .toList();
                assertThat(feedEvents).containsExactlyInAnyOrderElementsOf(eventsByCustomer.get(customer.getKey()));
            }
            scenario.extra("feeds", expectedByCustomer.size());
            scenario.verify(orders);
        }
    }

    @Test
    @Order(2)
    void relayCrashLosesNoEventAndDoublesNoNotification() {
        try (Scenario scenario = system.scenario("relay-crash")) {
            LoadGenerator load = scenario.load(api, 2000, 4, 0);
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> load.completed() >= 800 || load.isDone());
            assertThat(load.isDone())
                    .as("the load is still running when the service is killed")
                    .isFalse();
            long outboxAtKill = system.db()
                    .count(
                            "orders",
                            "select count(*) from outbox x join orders o on o.id::text = x.aggregate_id"
                                    + " where o.customer_id like ?",
                            scenario.customerPrefix() + "%");
            scenario.step(
                    "SIGKILL %s (pid %d) after %d orders, %d events in the outbox",
                    orderService, system.process(orderService).pid(), load.completed(), outboxAtKill);
            int placedAtKill = load.completed();
            system.kill(orderService);
            long restartStarted = System.nanoTime();
            system.restart(orderService);
            system.awaitRelayStreaming(orderService, Duration.ofSeconds(60));
            long restartSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - restartStarted);
            scenario.step(
                    "%s is back and its relay streams after %d s (pid %d)",
                    orderService, restartSeconds, system.process(orderService).pid());
            List<PlacedOrder> orders = load.awaitCompletion(Duration.ofMinutes(5));
            scenario.extra("killed-after-orders", placedAtKill);
            scenario.extra("restart", restartSeconds + "s");
            scenario.extra("client-retries", api.retries());
            scenario.verify(orders);
        }
    }

    @Test
    @Order(3)
    void consumerCrashMidBatchLosesNoNotificationAndDoublesNone() {
        try (Scenario scenario = system.scenario("consumer-crash")) {
            LoadGenerator load = scenario.load(api, 500, 4, 0);
            int killAt = 450;
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> system.db().notificationCount(scenario.customerPrefix()) >= killAt);
            long notifiedAtKill = system.db().notificationCount(scenario.customerPrefix());
            scenario.step(
                    "SIGKILL %s (pid %d) with %d notifications of this scenario created, %d orders placed",
                    NOTIFIER, system.process(NOTIFIER).pid(), notifiedAtKill, load.completed());
            system.kill(NOTIFIER);
            system.restart(NOTIFIER);
            scenario.step(
                    "%s is back (pid %d)", NOTIFIER, system.process(NOTIFIER).pid());
            List<PlacedOrder> orders = load.awaitCompletion(Duration.ofMinutes(3));
            scenario.awaitNotified(orders);
            scenario.extra("killed-after-notifications", notifiedAtKill);
            // records the restarted instance found already processed: they were handled but not yet committed
            scenario.extra(
                    "reprocessed", Rest.duplicatesSeen(system.process(NOTIFIER), system.token(DemoAccount.OPERATOR)));
            scenario.verify(orders);
        }
    }

    /**
     * One order's trace, as the services export it (to {@link SpanCollector}): the POST that placed it starts the
     * trace, the outbox row and so the relay's Kafka record carry a span of that request (the one that ran the
     * transaction, below the security filter chain's), the consumer continues it, the inbox transaction runs in the
     * consumer's span and the email is sent in a span of the transaction, later and on another thread. One trace id,
     * one tree.
     */
    @Test
    @Order(4)
    void oneTraceFollowsAnOrderFromItsPostThroughTheRelayAndTheConsumerToItsEmail() {
        try (Scenario scenario = system.scenario("trace")) {
            String orderId = api.place(UUID.randomUUID().toString(), scenario.customerPrefix() + "0", 0);
            scenario.step("placed order %s; reading its event on the topic", orderId);
            TopicLog.Entry published = await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> system.topic().readToEnd(Duration.ofSeconds(20)).stream()
                                    .filter(entry -> orderId.equals(entry.key()))
                                    .findFirst(),
                            Optional::isPresent)
                    .orElseThrow();
            String traceParent = published.traceParent();
            assertThat(traceParent)
                    .as("the relay publishes the outbox row's trace context")
                    .isNotNull()
                    .isEqualTo(published.envelope().traceParent());
            String traceId = traceParent.substring(3, 35);
            String publishedSpanId = traceParent.substring(36, 52);

            scenario.step("waiting for the spans of trace %s", traceId);
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> {
                        List<SpanCollector.Span> trace = system.spans().trace(traceId);
                        SpanCollector.Span post = first(
                                trace,
                                span -> span.service().equals("order-service")
                                        && "SERVER".equals(span.kind())
                                        && "POST".equals(span.tags().get("method"))
                                        && "/orders".equals(span.tags().get("uri")));
                        SpanCollector.Span consumer = first(
                                trace,
                                span -> span.service().equals("notification-service")
                                        && "CONSUMER".equals(span.kind()));
                        SpanCollector.Span inbox =
                                first(trace, span -> span.name().equals("inbox transaction"));
                        SpanCollector.Span send =
                                first(trace, span -> span.name().equals("email send"));
                        assertThat(post.parentId())
                                .as("the request starts the trace")
                                .isNull();
                        assertThat(rootOf(trace, publishedSpanId))
                                .as("the outbox row, and so the Kafka record, carry a span of the request")
                                .isEqualTo(post.id());
                        assertThat(consumer.parentId()).isEqualTo(publishedSpanId);
                        assertThat(inbox.parentId()).isEqualTo(consumer.id());
                        assertThat(inbox.service()).isEqualTo("notification-service");
                        assertThat(send.parentId()).isEqualTo(inbox.id());
                        Set<String> ids =
                                trace.stream().map(SpanCollector.Span::id).collect(Collectors.toSet());
                        assertThat(trace)
                                .as("one tree: every span but the request's hangs off a span of the trace")
                                .filteredOn(span -> span != post)
                                .allSatisfy(span -> assertThat(ids).contains(span.parentId()));
                    });
            scenario.extra("spans", system.spans().trace(traceId).size());
        }
    }

    /** The root of the span's branch of the trace: its parent's parent ..., as far as the trace has them. */
    private static String rootOf(List<SpanCollector.Span> trace, String spanId) {
        Map<String, String> parents = new HashMap<>();
        trace.stream().filter(span -> span.parentId() != null).forEach(span -> parents.put(span.id(), span.parentId()));
        String root = spanId;
        for (int hops = 0; parents.containsKey(root) && hops < trace.size(); hops++) {
            root = parents.get(root);
        }
        return root;
    }

    private static SpanCollector.Span first(List<SpanCollector.Span> trace, Predicate<SpanCollector.Span> which) {
        return trace.stream()
                .filter(which)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no such span in " + trace));
    }

    @Test
    @Order(5)
    void brokerOutageUnderLoadLosesNothingAndBothServicesRecoverWithoutARestart() {
        try (Scenario scenario = system.scenario("broker-outage")) {
            long orderPid = system.process(orderService).pid();
            long notifierPid = system.process(NOTIFIER).pid();
            LoadGenerator load = scenario.load(api, 400, 4, 20);
            load.awaitCompleted(60);
            scenario.step("stopping Kafka with %d orders placed", load.completed());
            system.stack().stopKafka();
            int placedAtStop = load.completed();
            await().pollDelay(Duration.ofSeconds(10))
                    .atMost(Duration.ofSeconds(11))
                    .until(() -> true);
            int placedDuringOutage = load.completed() - placedAtStop;
            scenario.step("starting Kafka again; %d orders were placed during the outage", placedDuringOutage);
            system.stack().startKafka();
            List<PlacedOrder> orders = load.awaitCompletion(Duration.ofMinutes(3));
            await().atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> system.process(orderService).isHealthy()
                            && system.process(NOTIFIER).isHealthy());
            assertThat(placedDuringOutage)
                    .as("orders placed while Kafka was down")
                    .isPositive();
            assertThat(system.process(orderService).pid())
                    .as("order-service was not restarted")
                    .isEqualTo(orderPid);
            assertThat(system.process(NOTIFIER).pid())
                    .as("notification-service was not restarted")
                    .isEqualTo(notifierPid);
            assertThat(system.process(orderService).isAlive()
                            && system.process(NOTIFIER).isAlive())
                    .isTrue();
            scenario.extra("outage", "10s");
            scenario.extra("placed-during-outage", placedDuringOutage);
            scenario.verify(orders);
        }
    }

    @Test
    @Order(6)
    void relayFailoverStandbyTakesOverWithinItsBoundAndNothingIsLost() {
        try (Scenario scenario = system.scenario("relay-failover")) {
            String leader = orderService;
            String standby = "order-2";
            // behind a proxy in forward mode: the takeover also proves the relay streams through it
            system.startOrderServiceBehindProxy(standby, Map.of());
            system.awaitStandby(standby, leader, Duration.ofSeconds(30));
            scenario.step("%s leads the relay, %s stands by; the load goes to %s", leader, standby, standby);
            api.target(system.process(standby).baseUrl());
            orderService = standby;
            LoadGenerator load = scenario.load(api, 400, 4, 25);
            load.awaitCompleted(100);
            scenario.step(
                    "SIGKILL the leader %s (pid %d) with %d orders placed",
                    leader, system.process(leader).pid(), load.completed());
            system.kill(leader);
            long killedAt = System.nanoTime();
            await().atMost(TAKEOVER_BOUND.plusSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> system.relayStreaming(standby));
            Duration takeover = Duration.ofNanos(System.nanoTime() - killedAt);
            scenario.step("%s streams %d ms after the leader's death", standby, takeover.toMillis());
            List<PlacedOrder> orders = load.awaitCompletion(Duration.ofMinutes(3));
            scenario.extra("takeover", Scenario.seconds(takeover));
            assertThat(takeover).as("takeover time").isLessThanOrEqualTo(TAKEOVER_BOUND);
            assertThat(system.databaseProxy(standby).bytesFromTarget())
                    .as("bytes from PostgreSQL to %s through its proxy", standby)
                    .isPositive();
            scenario.verify(orders);
        }
    }

    @Test
    @Order(8)
    void replayFromTheEarliestOffsetCreatesNoNewNotification() throws Exception {
        try (Scenario scenario = system.scenario("replay")) {
            List<PlacedOrder> orders = scenario.load(api, 200, 4, 0).awaitCompletion(Duration.ofMinutes(3));
            int events =
                    orders.stream().mapToInt(o -> o.flow().eventTypes().size()).sum();
            await().atMost(Scenario.SETTLE_TIMEOUT)
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> system.db().notificationCount(scenario.customerPrefix()) >= events);
            await().atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> lag() == 0);
            Map<String, Long> before = counts();
            scenario.step("before the replay: %s", before);

            scenario.step("stopping %s, resetting group %s to the earliest offsets", NOTIFIER, E2eSystem.GROUP);
            system.stop(NOTIFIER);
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> system.group()
                            .map(ConsumerGroupDescription::groupState)
                            .filter(GroupState.EMPTY::equals)
                            .isPresent());
            var admin = system.admin();
            Set<TopicPartition> partitions = admin
                    .listConsumerGroupOffsets(E2eSystem.GROUP)
                    .partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS)
                    .keySet()
                    .stream()
                    .filter(tp -> tp.topic().equals(E2eSystem.TOPIC))
                    .collect(Collectors.toSet());
            assertThat(partitions).hasSize(6);
            Map<TopicPartition, Long> earliest = offsets(partitions, OffsetSpec.earliest());
            Map<TopicPartition, Long> latest = offsets(partitions, OffsetSpec.latest());
            admin.alterConsumerGroupOffsets(
                            E2eSystem.GROUP,
                            earliest.entrySet().stream()
                                    .collect(Collectors.toMap(
                                            Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue()))))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            Map<TopicPartition, Long> committed = committedOffsets();
            assertThat(committed).as("committed offsets after the reset").isEqualTo(earliest);
            long records = latest.values().stream().mapToLong(Long::longValue).sum()
                    - earliest.values().stream().mapToLong(Long::longValue).sum();
            scenario.step("group reset to %s; %d records will be consumed again", earliest, records);

            system.restart(NOTIFIER);
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> committedOffsets().equals(latest));
            await().atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> lag() == 0);
            long duplicates = Rest.duplicatesSeen(system.process(NOTIFIER), system.token(DemoAccount.OPERATOR));
            Map<String, Long> after = counts();
            scenario.step("after the replay: %s; %d records handled as duplicates", after, duplicates);
            assertThat(duplicates)
                    .as("records the restarted consumer saw again (each at least once)")
                    .isGreaterThanOrEqualTo(records);
            assertThat(after).as("nothing new after the replay").isEqualTo(before);
            scenario.extra("replayed", records);
            scenario.extra("new-notifications", after.get("notifications") - before.get("notifications"));
            scenario.verify(orders);
        }
    }

    @Test
    @Order(9)
    void poisonRecordIsDeadLetteredAndItsPartitionKeepsFlowing() throws Exception {
        try (Scenario scenario = system.scenario("poison")) {
            String key = "poison-" + UUID.randomUUID();
            int partitions = system.admin()
                    .describeTopics(List.of(E2eSystem.TOPIC))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get(E2eSystem.TOPIC)
                    .partitions()
                    .size();
            int partition = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
            byte[] poison = "{\"eventId\":\"4f1c\",\"eventType\":\"OrderPlaced\",\"payload\":{"
                    .getBytes(StandardCharsets.UTF_8);
            RecordMetadata sent;
            try (var producer = new KafkaProducer<byte[], byte[]>(
                    Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            system.bootstrapServers(),
                            ProducerConfig.ACKS_CONFIG,
                            "all",
                            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                            true),
                    new ByteArraySerializer(),
                    new ByteArraySerializer())) {
                sent = producer.send(new ProducerRecord<>(
                                E2eSystem.TOPIC, partition, key.getBytes(StandardCharsets.UTF_8), poison))
                        .get(30, TimeUnit.SECONDS);
            }
            scenario.step(
                    "malformed record with key %s produced to %s-%d at offset %d",
                    key, E2eSystem.TOPIC, sent.partition(), sent.offset());

            List<PlacedOrder> orders = scenario.load(api, 200, 4, 0).awaitCompletion(Duration.ofMinutes(3));

            String notifier = system.process(NOTIFIER).baseUrl();
            JsonNode deadLetter = await().atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(500))
                    .until(
                            () -> Rest.get(notifier + "/ops/dead-letters?limit=1000", system.token(DemoAccount.VIEWER))
                                    .flatMap(listing -> listing.path("items")
                                            .valueStream()
                                            .filter(item -> item.path("originalPartition")
                                                                    .asInt(-1)
                                                            == sent.partition()
                                                    && item.path("originalOffset")
                                                                    .asLong(-1)
                                                            == sent.offset())
                                            .findFirst())
                                    .orElse(null),
                            item -> item != null);
            scenario.step("dead letter: %s", deadLetter);
            assertThat(deadLetter.path("key").asString()).isEqualTo(key);
            assertThat(deadLetter.path("originalTopic").asString()).isEqualTo(E2eSystem.TOPIC);
            assertThat(deadLetter.path("topic").asString()).isEqualTo(E2eSystem.DEAD_LETTER_TOPIC);

            Set<String> orderIds = orders.stream().map(PlacedOrder::orderId).collect(Collectors.toSet());
            List<TopicLog.Entry> after = system.topic().readToEnd(Duration.ofSeconds(60)).stream()
                    .filter(e -> e.partition() == sent.partition() && e.offset() > sent.offset())
                    .filter(e -> e.envelope() != null
                            && orderIds.contains(e.envelope().aggregateId()))
                    .toList();
            scenario.step(
                    "%d events of this scenario follow the poison record on partition %d",
                    after.size(), sent.partition());
            assertThat(after).as("events behind the poison record").isNotEmpty();
            await().atMost(Scenario.SETTLE_TIMEOUT)
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> {
                        Set<UUID> now = new HashSet<>();
                        system.db().notifications(scenario.customerPrefix()).forEach(n -> now.add(n.eventId()));
                        assertThat(now)
                                .containsAll(after.stream()
                                        .map(e -> e.envelope().eventId())
                                        .toList());
                    });
            long committed = committedOffsets().get(new TopicPartition(E2eSystem.TOPIC, sent.partition()));
            assertThat(committed)
                    .as("committed offset of the poisoned partition")
                    .isGreaterThan(sent.offset());
            scenario.extra("dead-lettered", 1);
            scenario.extra("poisoned-partition", sent.partition());
            scenario.extra("flowed-after-poison", after.size());
            scenario.verify(orders);
        }
    }

    /**
     * Scenario 4: two notification-service instances in one consumer group share the partitions of {@code
     * orders.events}, as the broker's description of the group shows; when one is killed with SIGKILL the other
     * takes over its partitions, and no notification is lost or doubled.
     */
    @Test
    @Order(10)
    void twoInstancesSplitThePartitionsAndTheSurvivorTakesOverWhenOneIsKilled() {
        try (Scenario scenario = system.scenario("consumer-group")) {
            // the suite's notifier leaves the group; two instances with one consumer each join it
            system.stop(NOTIFIER);
            system.startInParallel(Map.of(), Map.of(A, ONE_CONSUMER, B, ONE_CONSUMER));
            Set<Integer> all = IntStream.range(0, 6).boxed().collect(Collectors.toSet());
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> {
                        var group = system.group().orElseThrow();
                        assertThat(group.members()).as("members of the group").hasSize(2);
                        Map<String, Set<Integer>> assignment = system.assignment();
                        assertThat(assignment.keySet()).containsExactlyInAnyOrder(A, B);
                        assertThat(assignment.get(A)).isNotEmpty();
                        assertThat(assignment.get(B)).isNotEmpty();
                        assertThat(assignment.get(A)).doesNotContainAnyElementsOf(assignment.get(B));
                        Set<Integer> union = new HashSet<>(assignment.get(A));
                        union.addAll(assignment.get(B));
                        assertThat(union).isEqualTo(all);
                    });
            Map<String, Set<Integer>> split = system.assignment();
            scenario.step("group %s is split %s", E2eSystem.GROUP, split);

            LoadGenerator load = scenario.load(api, 400, 4, 0);
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> system.db().notificationCount(scenario.customerPrefix()) >= 300);
            scenario.step(
                    "SIGKILL %s (pid %d), owner of partitions %s, with %d notifications created",
                    A, system.process(A).pid(), split.get(A), system.db().notificationCount(scenario.customerPrefix()));
            system.kill(A);
            long killedAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> {
                        var group = system.group().orElseThrow();
                        assertThat(group.members()).as("members of the group").hasSize(1);
                        assertThat(system.assignment()).isEqualTo(Map.of(B, all));
                    });
            Duration takeover = Duration.ofNanos(System.nanoTime() - killedAt);
            scenario.step("%s owns all partitions %s after the SIGKILL", B, Scenario.seconds(takeover));

            List<PlacedOrder> orders = load.awaitCompletion(Duration.ofMinutes(3));
            scenario.awaitNotified(orders);
            // records of the killed instance's partitions that it had handled but not committed
            scenario.extra("reprocessed", Rest.duplicatesSeen(system.process(B), system.token(DemoAccount.OPERATOR)));
            scenario.extra("split", split.toString().replace(" ", ""));
            scenario.extra("takeover", Scenario.seconds(takeover));
            scenario.verify(orders);
        }
    }

    private static long lag() {
        return Rest.get(system.process(NOTIFIER).baseUrl() + "/ops/consumer-lag", system.token(DemoAccount.OPERATOR))
                .map(report -> report.path("totalLag").asLong(-1))
                .orElse(-1L);
    }

    private static Map<String, Long> counts() {
        var db = system.db();
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        counts.put("notifications", db.count("notifications", "select count(*) from notifications"));
        counts.put("processed_events", db.count("notifications", "select count(*) from processed_events"));
        counts.put("email_deliveries", db.count("notifications", "select count(*) from email_deliveries"));
        counts.put("max_seq", db.count("notifications", "select coalesce(max(seq), 0) from notifications"));
        return counts;
    }

    private static Map<TopicPartition, Long> offsets(Set<TopicPartition> partitions, OffsetSpec spec) throws Exception {
        return system
                .admin()
                .listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), tp -> spec)))
                .all()
                .get(30, TimeUnit.SECONDS)
                .entrySet()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private static Map<TopicPartition, Long> committedOffsets() throws Exception {
        return system
                .admin()
                .listConsumerGroupOffsets(E2eSystem.GROUP)
                .partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS)
                .entrySet()
                .stream()
                .filter(e -> e.getKey().topic().equals(E2eSystem.TOPIC) && e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }
}
