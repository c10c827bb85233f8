package dev.ordersystem.orders.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersystem.events.EventEnvelope;
import dev.ordersystem.localstack.LocalStack;
import dev.ordersystem.localstack.TcpProxy;
import dev.ordersystem.localstack.TopicReader;
import dev.ordersystem.localstack.junit.LocalStackExtension;
import dev.ordersystem.localstack.junit.UseLocalStack;
import dev.ordersystem.orders.support.OrderServiceProcess;
import dev.ordersystem.orders.support.OutboxRows;
import dev.ordersystem.orders.support.PublishedEvents;
import dev.ordersystem.orders.support.RelayTestNames;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The relay leader's database connections are cut by a proxy that stops forwarding without closing anything (what a
 * network partition looks like; PostgreSQL keeps the leader's sessions, its walsender included): the leader fences
 * itself within half the lease TTL, the standby publishes within 30 s, nothing is lost, and the old leader publishes
 * nothing after it fenced. Two order-service processes with the default lease settings; checked on the topic.
 */
@UseLocalStack(database = "orders")
class RelayLeaderPartitionIntegrationTests {

    /** Half of the default {@code lease-ttl} (10 s), plus what it takes to close the producer and to look. */
    private static final Duration FENCING_BOUND = Duration.ofSeconds(5).plusMillis(1500);

    private static final Duration TAKEOVER_BOUND = Duration.ofSeconds(30);
    private static final RelayTestNames NAMES = RelayTestNames.of("partition");
    private static final List<AutoCloseable> resources = new CopyOnWriteArrayList<>();

    @AfterAll
    static void cleanUp() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    @Test
    void theCutOffLeaderFencesItselfAndTheStandbyPublishesEverythingWithoutTwoPublishersAtOnce() throws Exception {
        LocalStack stack = LocalStackExtension.stack();
        OutboxRows outbox = new OutboxRows(stack);
        TcpProxy proxy = stack.postgresProxy("orders");
        resources.add(proxy);
        OrderServiceProcess leader = start(OrderServiceProcess.start(
                "partition-leader", stack, "jdbc:postgresql://" + proxy.address() + "/orders", NAMES.arguments()));
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .until(() ->
                        detail(leader, "streaming").map(JsonNode::asBoolean).orElse(false));
        OrderServiceProcess standby = start(OrderServiceProcess.start("partition-standby", stack, NAMES.arguments()));
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> standby.relayRole().filter("STANDBY"::equals).isPresent());

        List<EventEnvelope> written = new CopyOnWriteArrayList<>();
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
        resources.add(writer::shutdownNow);
        var topic = TopicReader.ofStrings(stack.bootstrapServers(), NAMES.topic());
        resources.add(topic);
        writer.scheduleAtFixedRate(() -> written.addAll(outbox.insertLives(10)), 0, 100, TimeUnit.MILLISECONDS);
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> written.size() >= 300
                        && PublishedEvents.of(List.copyOf(written).subList(0, 300), topic.poll())
                                .allArrived());

        proxy.blackhole();
        Instant cutAt = Instant.now();
        await().atMost(FENCING_BOUND.plusSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> detail(leader, "lastFencedAt").isPresent());
        Instant fencedAt =
                Instant.parse(detail(leader, "lastFencedAt").orElseThrow().asString());
        long publishedByLeader = detail(leader, "eventsRelayed").orElseThrow().asLong();
        assertThat(leader.relayRole()).hasValue("STANDBY");

        await().atMost(TAKEOVER_BOUND)
                .pollInterval(Duration.ofMillis(100))
                .until(() ->
                        detail(standby, "streaming").map(JsonNode::asBoolean).orElse(false));
        Duration takeover = Duration.between(cutAt, Instant.now());
        Instant standbyLeadsSince =
                Instant.parse(detail(standby, "since").orElseThrow().asString());
        writer.shutdown();
        assertThat(writer.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        written.addAll(outbox.insertLives(100)); // the new leader's own

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(
                                PublishedEvents.of(written, topic.poll()).missing())
                        .isEmpty());
        long records = topic.poll().size();
        long publishedByStandby = detail(standby, "eventsRelayed").orElseThrow().asLong();
        System.out.printf(
                "leader-partition test: leader fenced %d ms after the cut, standby streaming %d ms after it;"
                        + " %d events written, %d records (%d by the old leader, %d by the new one)%n",
                Duration.between(cutAt, fencedAt).toMillis(),
                takeover.toMillis(),
                written.size(),
                records,
                publishedByLeader,
                publishedByStandby);

        assertThat(Duration.between(cutAt, fencedAt)).isLessThanOrEqualTo(FENCING_BOUND);
        assertThat(takeover).isLessThanOrEqualTo(TAKEOVER_BOUND);
        assertThat(standbyLeadsSince)
                .as("the new leader starts after the old one fenced")
                .isAfter(fencedAt);
        assertThat(detail(leader, "eventsRelayed").orElseThrow().asLong())
                .as("the old leader published nothing after it fenced")
                .isEqualTo(publishedByLeader);
        // every record on the topic was acknowledged to one of the two: none came from anywhere else
        assertThat(records).isEqualTo(publishedByLeader + publishedByStandby);
        assertThat(detail(standby, "epoch").orElseThrow().asLong())
                .isGreaterThan(detail(leader, "epoch").orElseThrow().asLong());
    }

    private static OrderServiceProcess start(OrderServiceProcess process) {
        resources.add(process);
        return process;
    }

    private static Optional<JsonNode> detail(OrderServiceProcess process, String name) {
        return process.relayHealth()
                .map(health -> health.path("details").path(name))
                .filter(node -> !node.isMissingNode());
    }
}
