package dev.ordersystem.system.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersystem.system.DemoAccount;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scenario 4: two notification-service instances in one consumer group share the partitions of
 * {@code orders.events}, as the broker's description of the group shows; when one is killed with SIGKILL the other
 * takes over its partitions, and no notification is lost or doubled.
 */
class ConsumerGroupIntegrationTests extends E2eSuite {

    private static final String A = "notify-a";
    private static final String B = "notify-b";
    /** One consumer per instance, so that the group has exactly one member per instance. */
    private static final Map<String, String> ONE_CONSUMER = Map.of("notifications.concurrency", "1");

    @BeforeAll
    static void startSystem() {
        system = E2eSystem.singleBroker("consumer-group-suite");
        startServices(Map.of(), Map.of(A, ONE_CONSUMER, B, ONE_CONSUMER));
    }

    @Test
    void twoInstancesSplitThePartitionsAndTheSurvivorTakesOverWhenOneIsKilled() {
        try (Scenario scenario = system.scenario("consumer-group")) {
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
}
