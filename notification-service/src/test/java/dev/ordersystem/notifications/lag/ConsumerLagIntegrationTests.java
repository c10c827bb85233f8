package dev.ordersystem.notifications.lag;

import static dev.ordersystem.notifications.support.TestEvents.placed;
import static dev.ordersystem.notifications.support.TestEvents.uniqueCustomer;
import static dev.ordersystem.notifications.support.TestEvents.uniqueOrder;
import static dev.ordersystem.notifications.support.TestKafka.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersystem.events.Topics;
import dev.ordersystem.notifications.support.IntegrationTestSupport;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ConsumerLagIntegrationTests extends IntegrationTestSupport {

    private static final int N = 12;

    @Test
    void recordsProducedWhileTheListenerIsStoppedShowAsLagUntilItRunsAgain() {
        awaitNoLag();
        String customer = uniqueCustomer();
        stopListener();
        Map<Integer, Integer> perPartition = new HashMap<>();
        try {
            for (int i = 0; i < N; i++) {
                int partition = publish(placed(uniqueOrder(), customer)).partition();
                perPartition.merge(partition, 1, Integer::sum);
            }

            JsonNode lag = json(get("/ops/consumer-lag", "Authorization", VIEWER));
            assertThat(lag.get("groupId").asString()).isEqualTo("notification-service");
            assertThat(lag.get("members").asInt()).isZero();
            assertThat(lag.get("totalLag").asLong()).isEqualTo(N);
            for (JsonNode partition : lag.get("partitions")) {
                assertThat(partition.get("topic").asString()).isEqualTo(Topics.ORDER_EVENTS);
                assertThat(partition.get("lag").asLong())
                        .isEqualTo(partition.get("logEndOffset").asLong()
                                - partition.get("committedOffset").asLong())
                        .isEqualTo(perPartition
                                .getOrDefault(partition.get("partition").asInt(), 0)
                                .longValue());
                assertThat(partition.get("owner").isNull()).isTrue();
            }
            assertThat(prometheusLag()).isEqualTo(N);
            assertThat(notificationsOfCustomer(customer)).isZero();
        } finally {
            startListener();
        }

        await().atMost(WAIT).until(() -> notificationsOfCustomer(customer) == N);
        await().atMost(WAIT)
                .until(() -> json(get("/ops/consumer-lag", "Authorization", VIEWER))
                                .get("totalLag")
                                .asLong()
                        == 0);
        JsonNode lag = json(get("/ops/consumer-lag", "Authorization", VIEWER));
        assertThat(lag.get("members").asInt()).isEqualTo(3);
        assertThat(StreamSupport.stream(lag.get("partitions").spliterator(), false))
                .allSatisfy(
                        partition -> assertThat(partition.at("/owner/clientId").asString())
                                .startsWith("consumer-notification-service"));
        await().atMost(WAIT).until(() -> prometheusLag() == 0);
    }

    /** Sum of the per-partition lag gauges of the consumed topic, as Prometheus scrapes them. */
    private long prometheusLag() {
        return (long) get("/actuator/prometheus", "Authorization", OPERATOR)
                .body()
                .lines()
                .filter(line ->
                        line.startsWith("notifications_consumer_lag{") && line.contains("topic=\"orders.events\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
