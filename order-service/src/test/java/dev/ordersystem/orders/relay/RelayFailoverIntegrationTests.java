package dev.ordersystem.orders.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersystem.events.EventEnvelope;
import dev.ordersystem.events.EventHeaders;
import dev.ordersystem.localstack.TopicReader;
import dev.ordersystem.localstack.junit.UseLocalStack;
import dev.ordersystem.orders.support.OrderServiceProcess;
import dev.ordersystem.orders.support.OutboxRows;
import dev.ordersystem.orders.support.RelayProcesses;
import dev.ordersystem.orders.support.RelayTestNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two order-service processes with the default lease settings: exactly one relays, the other stands by; when the
 * leader is killed with SIGKILL the standby takes over once the lease expires (within 30 s) and no event is lost.
 */
@UseLocalStack(database = "orders")
class RelayFailoverIntegrationTests {

    /**
     * The rest of the killed leader's lease (at most {@code lease-ttl}, 10 s: a standby tries again right when it
     * expires) + the engine start; the relay promises a takeover within 30 s.
     */
    private static final Duration TAKEOVER_BOUND = Duration.ofSeconds(30);

    private static final RelayTestNames NAMES = RelayTestNames.of("failover");

    @RegisterExtension
    static final RelayProcesses processes = new RelayProcesses(NAMES);

    @Test
    void onlyTheLeaderPublishesAndTheStandbyTakesOverWithinTheBoundWhenTheLeaderIsKilled() throws Exception {
        OutboxRows outbox = processes.outbox();
        OrderServiceProcess a = processes.start("failover-a");
        OrderServiceProcess b = processes.start("failover-b");
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    assertThat(a.isAlive() && b.isAlive())
                            .as("both processes run")
                            .isTrue();
                    Optional<String> roleA = a.relayRole();
                    Optional<String> roleB = b.relayRole();
                    return roleA.isPresent()
                            && roleB.isPresent()
                            && Set.of(roleA.get(), roleB.get()).equals(Set.of("LEADER", "STANDBY"));
                });
        OrderServiceProcess leader = a.relayRole().orElseThrow().equals("LEADER") ? a : b;
        OrderServiceProcess standby = leader == a ? b : a;
        // any instance shows who leads
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(standby.relayStatus().orElseThrow().path("leader").asString())
                    .isEqualTo(leader.name());
            assertThat(leader.relayStatus().orElseThrow().path("leader").asString())
                    .isEqualTo(leader.name());
        });

        List<EventEnvelope> written = new CopyOnWriteArrayList<>();
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
        try (var topic = processes.topic()) {
            writer.scheduleAtFixedRate(
                    () -> {
                        List<EventEnvelope> batch = new ArrayList<>();
                        for (int i = 0; i < 10; i++) {
                            batch.addAll(OutboxRows.lifeOfAnOrder(null));
                        }
                        outbox.insert(batch);
                        written.addAll(batch);
                    },
                    0,
                    100,
                    TimeUnit.MILLISECONDS);
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> relayed(topic.poll(), written) >= 300);

            assertThat(leader.metric("orders_relay_events_total"))
                    .hasValueSatisfying(n -> assertThat(n).isPositive());
            assertThat(standby.metric("orders_relay_events_total")).hasValue(0.0);
            assertThat(standby.metric("orders_relay_leader")).hasValue(0.0);
            assertThat(standby.relayRole()).hasValue("STANDBY");

            leader.kill();
            long killedAt = System.nanoTime();
            await().atMost(TAKEOVER_BOUND.plusSeconds(10))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> standby.relayHealth()
                            .map(health ->
                                    health.path("details").path("streaming").asBoolean())
                            .orElse(false));
            Duration takeover = Duration.ofNanos(System.nanoTime() - killedAt);
            int writtenAtTakeover = written.size();
            await().atMost(Duration.ofSeconds(10)).until(() -> written.size() >= writtenAtTakeover + 300);
            writer.shutdown();
            assertThat(writer.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> relayed(topic.poll(), written) == written.size());
            System.out.printf(
                    "failover test: standby %s streaming %d ms after SIGKILL of %s; %d events, %d records%n",
                    standby.name(),
                    takeover.toMillis(),
                    leader.name(),
                    written.size(),
                    topic.poll().size());
            assertThat(takeover).isLessThanOrEqualTo(TAKEOVER_BOUND);
            assertThat(standby.relayStatus().orElseThrow().path("leader").asString())
                    .isEqualTo(standby.name());
            assertThat(standby.metric("orders_relay_events_total"))
                    .hasValueSatisfying(n -> assertThat(n).isPositive());
        } finally {
            writer.shutdownNow();
        }
    }

    private static int relayed(List<ConsumerRecord<String, String>> records, List<EventEnvelope> written) {
        Set<String> ids = new HashSet<>();
        written.forEach(e -> ids.add(e.eventId().toString()));
        Set<String> seen = new HashSet<>();
        for (ConsumerRecord<String, String> record : records) {
            TopicReader.header(record, EventHeaders.EVENT_ID)
                    .filter(ids::contains)
                    .ifPresent(seen::add);
        }
        return seen.size();
    }
}
