package dev.ordersystem.system.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersystem.events.MessageIds;
import dev.ordersystem.localstack.TcpProxy;
import dev.ordersystem.system.DemoAccount;
import dev.ordersystem.system.MailCatcher;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * The dependency-fault scenarios of the end-to-end suite: what the services' dependencies do to them, not what their
 * own processes do. PostgreSQL servers are stopped and started for real (the notifications database has a server of
 * its own), the relay leader's database connections and notification-service's SMTP connections run through
 * {@link TcpProxy}s that cut or refuse them, and the services get SIGTERM under load. In a fixed order on one system;
 * each scenario places orders for its own customers and checks them in both databases and on the topic.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DependencyFaultIntegrationTests extends E2eSuite {

    private static final String NOTIFIER = "notify-1";
    private static final String SECOND_ORDER_SERVICE = "order-2";

    /** What the issue asks of a relay failover after a network cut: a standby publishes within 30 s. */
    private static final Duration PARTITION_TAKEOVER_BOUND = Duration.ofSeconds(30);

    /** What the issue asks of a graceful shutdown under load and backlog. */
    private static final Duration SHUTDOWN_BOUND = Duration.ofSeconds(10);

    /** Between notification-service and the mail catcher, to hold mail back and build a backlog. */
    private static TcpProxy smtp;

    @BeforeAll
    static void startSystem() {
        system = E2eSystem.singleBroker("dependency-faults");
        smtp = TcpProxy.start("127.0.0.1", system.mail().smtpPort());
        system.startAtOnce(List.of(
                // order-1 reaches its database through a proxy of its own, so that leader-partition can cut it off
                () -> system.startOrderServiceBehindProxy(ORDER_SERVICE, Map.of()),
                () -> system.startNotificationService(
                        NOTIFIER,
                        Map.of(
                                "spring.mail.port", Integer.toString(smtp.port()),
                                // a permanent failure is dead-lettered after 2 retries (1 s, 2 s) instead of 4 (15 s)
                                "notifications.retry.max-retries", "2",
                                // mail held back by the proxy is tried again after 2 s instead of 10 s
                                "notifications.email.initial-backoff", "PT2S"))));
        openApiOnceTheRelayStreams();
    }

    @AfterAll
    static void closeSmtpProxy() {
        if (smtp != null) {
            smtp.close();
        }
    }

    @Test
    @Order(1)
    void anEventThatFailsForGoodHoldsBackTheLaterEventsOfItsOrderUntilItIsRedriven() throws Exception {
        try (Scenario scenario = system.scenario("ordered-dead-letter")) {
            String customer = scenario.customerPrefix() + "victim";
            String victim = api.place(scenario.name() + "-victim", customer, 0);
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> notifiedTypes(victim).equals(List.of("OrderPlaced")));
            // a bug that fails deterministically: the notification of this order's payment cannot be stored
            system.db().execute("notifications", """
                            create function e2e_reject_payment() returns trigger language plpgsql as $$
                            begin raise exception 'e2e: the notification of %% is rejected', new.event_id; end $$;
                            create trigger e2e_reject_payment before insert on notifications for each row
                            when (new.order_id = '%s' and new.event_type = 'OrderPaid')
                            execute function e2e_reject_payment();
                            """.formatted(victim));
            long deadLettersBefore = system.deadLetterRecords();
            scenario.step("order %s placed and notified; its payment's notification will fail for good", victim);
            api.pay(victim);
            api.ship(victim);
            LoadGenerator others = scenario.load(api, 100, 4, 0);

            DeadLetterAt blocked = await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> parkedRecords(victim) >= 1 ? blockedBy(victim) : null, Objects::nonNull);
            scenario.step("dead-lettered and blocked: %s; the shipment waits behind it", blocked);
            List<PlacedOrder> orders = new ArrayList<>(others.awaitCompletion(Duration.ofMinutes(3)));
            scenario.awaitNotified(orders);
            assertThat(notifiedTypes(victim))
                    .as("notifications of the blocked order while its payment is dead-lettered")
                    .containsExactly("OrderPlaced");
            assertThat(system.deadLetterRecords() - deadLettersBefore).isEqualTo(1);
            long heldBack = parkedRecords(victim);

            scenario.step("fixing the bug (the trigger goes) and re-driving the dead letter");
            system.db().execute("notifications", "drop function e2e_reject_payment() cascade");
            int redrive = Rest.post(
                    system.process(NOTIFIER).baseUrl() + "/ops/dead-letters/" + blocked.partition() + "/"
                            + blocked.offset() + "/redrive",
                    system.token(DemoAccount.OPERATOR));
            assertThat(redrive).as("re-drive answer").isBetween(200, 299);
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> notifiedTypes(victim).size() == 3);
            assertThat(notifiedTypes(victim)).containsExactly("OrderPlaced", "OrderPaid", "OrderShipped");
            assertThat(parkedRecords(victim)).isZero();

            orders.add(new PlacedOrder(victim, customer, OrderFlow.PAY_AND_SHIP));
            scenario.extra("dead-lettered", 1);
            scenario.extra("held-back", heldBack);
            scenario.verify(orders);
        }
    }

    @Test
    @Order(2)
    void aSixtySecondNotificationsDatabaseOutageDeadLettersNothingAndKeepsEveryOrdersOrder() throws Exception {
        try (Scenario scenario = system.scenario("notifications-db-outage")) {
            Duration outage = Duration.ofSeconds(60);
            long notifierPid = system.process(NOTIFIER).pid();
            long deadLettersBefore = system.deadLetterRecords();
            LoadGenerator load = scenario.load(api, 500, 4, 6);
            load.awaitCompleted(60);
            scenario.step("stopping the notifications database with %d orders placed", load.completed());
            system.stack().stopPostgres("notifications");
            int placedAtStop = load.completed();
            await().pollDelay(outage).atMost(outage.plusSeconds(1)).until(() -> true);
            assertThat(system.process(NOTIFIER).isHealthy())
                    .as("readiness of notification-service without its database")
                    .isFalse();
            int placedDuringOutage = load.completed() - placedAtStop;
            long lagAtEnd = system.lag();
            scenario.step(
                    "starting the notifications database again: %d orders placed meanwhile, lag %d",
                    placedDuringOutage, lagAtEnd);
            system.stack().startPostgres("notifications");

            List<PlacedOrder> orders = load.awaitCompletion(Duration.ofMinutes(3));
            long recovered = System.nanoTime();
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> system.lag() == 0);
            scenario.step(
                    "lag back to 0 %d s after the last order",
                    Duration.ofNanos(System.nanoTime() - recovered).toSeconds());
            assertThat(system.process(NOTIFIER).pid())
                    .as("notification-service was not restarted")
                    .isEqualTo(notifierPid);
            assertThat(lagAtEnd).as("lag while the database was down").isPositive();
            long deadLettered = system.deadLetterRecords() - deadLettersBefore;
            scenario.extra("outage", Scenario.seconds(outage));
            scenario.extra("placed-during-outage", placedDuringOutage);
            scenario.extra("lag-at-end-of-outage", lagAtEnd);
            scenario.extra("dead-lettered", deadLettered);
            scenario.extra("lag-after", system.lag());
            scenario.verify(orders);
            assertThat(deadLettered)
                    .as("records dead-lettered during the outage")
                    .isZero();
        }
    }

    @Test
    @Order(3)
    void anOrdersDatabaseRestartAnswers503NeverA500AndTheRelayResumesByItself() throws Exception {
        try (Scenario scenario = system.scenario("orders-db-restart")) {
            long orderPid = system.process(ORDER_SERVICE).pid();
            LoadGenerator load = scenario.load(api, 300, 4, 15);
            load.awaitCompleted(60);
            OrderApi.Answers before = api.answers();
            scenario.step("stopping the orders database with %d orders placed", load.completed());
            system.stack().stopPostgres("orders");
            await().pollDelay(Duration.ofSeconds(10))
                    .atMost(Duration.ofSeconds(11))
                    .until(() -> true);
            OrderApi.Answers duringOutage = api.answers().since(before);
            scenario.step("starting the orders database again; answers meanwhile: %s", duringOutage);
            system.stack().startPostgres("orders");
            long restarted = System.nanoTime();
            system.awaitRelayStreaming(ORDER_SERVICE, Duration.ofSeconds(60));
            Duration relayBack = Duration.ofNanos(System.nanoTime() - restarted);
            List<PlacedOrder> orders = load.awaitCompletion(Duration.ofMinutes(3));
            OrderApi.Answers all = api.answers().since(before);

            scenario.extra("answers-503", duringOutage.count(503));
            scenario.extra("answers-500", all.count(500));
            scenario.extra("relay-back", Scenario.seconds(relayBack));
            assertThat(duringOutage.count(503))
                    .as("503 answers while the database was down")
                    .isPositive();
            assertThat(all.byStatus().keySet())
                    .as("statuses answered from the outage on: %s", all)
                    .allMatch(status -> status < 500 || status == 503);
            assertThat(system.process(ORDER_SERVICE).pid())
                    .as("order-service was not restarted")
                    .isEqualTo(orderPid);
            scenario.verify(orders);
        }
    }

    @Test
    @Order(4)
    void aLeaderCutOffFromItsDatabaseStopsPublishingAndAStandbyTakesOverWithinThirtySeconds() {
        try (Scenario scenario = system.scenario("leader-partition")) {
            String leader = ORDER_SERVICE;
            String standby = SECOND_ORDER_SERVICE;
            system.startOrderService(standby, Map.of());
            system.awaitStandby(standby, leader, Duration.ofSeconds(60));
            api.target(system.process(standby).baseUrl());
            scenario.step("%s leads the relay through its proxy, %s stands by and takes the load", leader, standby);
            LoadGenerator load = scenario.load(api, 400, 4, 20);
            load.awaitCompleted(100);

            system.databaseProxy(leader).blackhole();
            Instant cutAt = Instant.now();
            scenario.step("cut %s off its database (blackhole) with %d orders placed", leader, load.completed());
            await().atMost(PARTITION_TAKEOVER_BOUND.plusSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> system.relayStreaming(standby));
            Duration takeover = Duration.between(cutAt, Instant.now());
            JsonNode fenced = await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> relayDetails(leader), details -> details.has("lastFencedAt"));
            Instant fencedAt = Instant.parse(fenced.path("lastFencedAt").asString());
            Instant standbyLeadsSince =
                    Instant.parse(relayDetails(standby).path("since").asString());
            scenario.step(
                    "%s fenced itself %d ms after the cut; %s streams %d ms after it",
                    leader, Duration.between(cutAt, fencedAt).toMillis(), standby, takeover.toMillis());

            List<PlacedOrder> orders = load.awaitCompletion(Duration.ofMinutes(3));
            long publishedByOldLeaderAfterFence =
                    relayDetails(leader).path("eventsRelayed").asLong()
                            - fenced.path("eventsRelayed").asLong();
            scenario.step("reconnecting %s to its database", leader);
            system.databaseProxy(leader).forward();
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() ->
                            system.relayRole(leader).filter("STANDBY"::equals).isPresent());

            scenario.extra("takeover", Scenario.seconds(takeover));
            scenario.extra("fenced-after", Scenario.seconds(Duration.between(cutAt, fencedAt)));
            scenario.extra("old-leader-published-after-fence", publishedByOldLeaderAfterFence);
            assertThat(takeover).as("takeover time").isLessThanOrEqualTo(PARTITION_TAKEOVER_BOUND);
            assertThat(standbyLeadsSince)
                    .as("the new leader starts after the old one fenced itself")
                    .isAfter(fencedAt);
            assertThat(publishedByOldLeaderAfterFence)
                    .as("events the cut-off leader published after it fenced itself")
                    .isZero();
            scenario.verify(orders);
        }
    }

    @Test
    @Order(5)
    void eachServiceStopsWithinTenSecondsOfSigtermUnderLoadAndLosesNothing() throws Exception {
        try (Scenario scenario = system.scenario("shutdown-under-load")) {
            String orderService =
                    SECOND_ORDER_SERVICE; // leads the relay and takes the API calls since leader-partition
            LoadGenerator load = scenario.load(api, 500, 4, 0);
            // mail is held back (SMTP refused) from the start, so that an email backlog builds whatever the load's
            // pace: a fast load is over before a backlog built after the order-service part would reach 100
            scenario.step("holding mail back (SMTP refused) to build a backlog");
            smtp.refuse();
            load.awaitCompleted(80);
            Duration orderServiceStop = system.stop(orderService);
            // the leader gives its lease up on the way out, so that the standby can take over at once
            long leasesHeldAfterExit = system.db()
                    .count(
                            "orders",
                            "select count(*) from relay_lease where holder = ? and expires_at > now()",
                            orderService);
            scenario.step(
                    "SIGTERM %s with %d orders placed: exited after %d ms, %d live lease left",
                    orderService, load.completed(), orderServiceStop.toMillis(), leasesHeldAfterExit);
            assertThat(leasesHeldAfterExit)
                    .as("live leases of %s after its exit", orderService)
                    .isZero();
            system.restart(orderService);

            await().atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> pending(scenario) >= 100 || load.isDone());
            // SMTP is back and the sender about to work through the backlog when the SIGTERM comes
            smtp.forward();
            long backlog = pending(scenario);
            Duration notifierStop = system.stop(NOTIFIER);
            scenario.step(
                    "SIGTERM %s with a backlog of %d emails, SMTP just back: exited after %d ms",
                    NOTIFIER, backlog, notifierStop.toMillis());
            system.restart(NOTIFIER);

            List<PlacedOrder> orders = load.awaitCompletion(Duration.ofMinutes(3));
            scenario.awaitNotified(orders);
            int events =
                    orders.stream().mapToInt(o -> o.flow().eventTypes().size()).sum();
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> sent(scenario) == events);
            Map<String, Long> mailsPerMessageId = system.mail().messages().stream()
                    .collect(Collectors.groupingBy(MailCatcher.Mail::messageId, Collectors.counting()));
            Set<String> messageIds = system.db().notifications(scenario.customerPrefix()).stream()
                    .map(n -> MessageIds.of(n.id()))
                    .collect(Collectors.toSet());
            long duplicateEmails = messageIds.stream()
                    .mapToLong(id -> Math.max(0, mailsPerMessageId.getOrDefault(id, 0L) - 1))
                    .sum();
            long missingEmails = messageIds.stream()
                    .filter(id -> !mailsPerMessageId.containsKey(id))
                    .count();

            scenario.extra("order-service-exit", Scenario.seconds(orderServiceStop));
            scenario.extra("notification-service-exit", Scenario.seconds(notifierStop));
            scenario.extra("email-backlog", backlog);
            scenario.extra("duplicate-emails", duplicateEmails);
            assertThat(backlog)
                    .as("emails waiting when notification-service got SIGTERM")
                    .isPositive();
            assertThat(orderServiceStop).as("order-service's exit").isLessThanOrEqualTo(SHUTDOWN_BOUND);
            assertThat(notifierStop).as("notification-service's exit").isLessThanOrEqualTo(SHUTDOWN_BOUND);
            assertThat(missingEmails).as("notifications without an email").isZero();
            assertThat(duplicateEmails)
                    .as("emails sent twice (at most the one in flight)")
                    .isLessThanOrEqualTo(1);
            scenario.verify(orders);
        }
    }

    /** The event types of an order's notifications, in the order they were created. */
    private static List<String> notifiedTypes(String orderId) {
        return system.db().notifications(LoadGenerator.customerPrefix("ordered-dead-letter")).stream()
                .filter(n -> n.orderId().equals(orderId))
                .sorted((a, b) -> Long.compare(a.seq(), b.seq()))
                .map(Databases.NotificationRow::eventType)
                .toList();
    }

    private static long parkedRecords(String orderId) {
        return system.db()
                .count(
                        "notifications",
                        "select count(*) from parked_events where order_id = ? and value is not null",
                        orderId);
    }

    /** Where on the dead-letter topic the record is that a blocked order waits for. */
    private record DeadLetterAt(long partition, long offset) {}

    /** The dead letter an order waits for, or null while it is not blocked. */
    private static @Nullable DeadLetterAt blockedBy(String orderId) {
        String where = " from blocked_orders where order_id = ?";
        long partition = system.db().count("notifications", "select coalesce(max(dlt_partition), -1)" + where, orderId);
        long offset = system.db().count("notifications", "select coalesce(max(dlt_offset), -1)" + where, orderId);
        return partition < 0 ? null : new DeadLetterAt(partition, offset);
    }

    private static JsonNode relayDetails(String name) {
        return system.relayHealth(name).map(health -> health.path("details")).orElseThrow();
    }

    /** The scenario's emails that are SENT. */
    private static long sent(Scenario scenario) {
        return system.db().emailStatuses(scenario.customerPrefix()).values().stream()
                .filter("SENT"::equals)
                .count();
    }

    /** The scenario's emails that are not SENT yet. */
    private static long pending(Scenario scenario) {
        return system.db().emailStatuses(scenario.customerPrefix()).size() - sent(scenario);
    }
}
