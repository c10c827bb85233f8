package dev.ordersystem.notifications.inbox;

import static dev.ordersystem.notifications.support.TestEvents.uniqueCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersystem.events.EventEnvelope;
import dev.ordersystem.notifications.NotificationsProperties;
import dev.ordersystem.notifications.support.IntegrationTestSupport;
import dev.ordersystem.notifications.support.TestEvents;
import dev.ordersystem.notifications.support.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;

class DatabaseOutageIntegrationTests extends IntegrationTestSupport {

    private static final int ORDERS = 6;

    @Autowired
    DependencyOutage outage;

    @Autowired
    NotificationsProperties properties;

    /** How the database goes away. */
    enum Cut {
        /** Every connection closed, new ones refused: the server is down. */
        REFUSED,
        /** No byte gets through: the network is cut, connections hang. */
        BLACKHOLED
    }

    @ParameterizedTest
    @EnumSource(Cut.class)
    void eventsArrivingWhileTheDatabaseIsUnreachableAreNotifiedOnceAndInOrderWhenItIsBackWithNothingDeadLettered(
            Cut cut) {
        String customer = uniqueCustomer();
        List<String> orders =
                Stream.generate(TestEvents::uniqueOrder).limit(ORDERS).toList();
        List<UUID> eventIds = new ArrayList<>();
        publishForEachOrder(orders, customer, TestEvents::placed, eventIds);
        // exceptions ignored: the pool may still be reconnecting after an earlier outage
        await().atMost(WAIT).ignoreExceptions().until(() -> notificationsOfCustomer(customer) == ORDERS);

        if (cut == Cut.REFUSED) {
            databaseProxy().refuse();
        } else {
            databaseProxy().blackhole();
        }
        try {
            publishForEachOrder(orders, customer, TestEvents::paid, eventIds);
            publishForEachOrder(orders, customer, TestEvents::shipped, eventIds);
            // a record retried more often than the bounded retries of an error would allow
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> outage.current()
                                    .map(DependencyOutage.Outage::mostAttempts)
                                    .orElse(0)
                            > properties.retry().maxRetries() + 2);
            assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(503);
            long asked = System.nanoTime();
            var feed = get("/customers/" + customer + "/notifications", "Authorization", STAFF);
            assertThat(Duration.ofNanos(System.nanoTime() - asked))
                    .as("time to answer the feed without a database")
                    .isLessThan(Duration.ofSeconds(2));
            assertThat(feed.statusCode()).isEqualTo(503);
            assertThat(feed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(feed.headers().firstValue("Retry-After")).isPresent();
            assertThat(json(feed).path("type").asString()).isEqualTo("urn:ordersystem:problem:dependency-unavailable");
            assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
            assertThat(json(get("/actuator/health", "Authorization", OPERATOR))
                            .at("/components/consumer/status")
                            .asString())
                    .isEqualTo("DOWN");
        } finally {
            databaseProxy().forward();
        }

        // the pool reconnects with a backoff of its own (up to 5 s)
        await().atMost(WAIT).ignoreExceptions().until(() -> notificationsOfCustomer(customer) == 3L * ORDERS);
        for (String order : orders) {
            assertThat(notificationTypesOfOrder(order))
                    .as(order)
                    .containsExactly("OrderPlaced", "OrderPaid", "OrderShipped");
        }
        assertThat(jdbc.sql("select count(*) from processed_events where event_id in (:ids)")
                        .param("ids", eventIds)
                        .query(Long.class)
                        .single())
                .isEqualTo(eventIds.size());
        assertThat(TestKafka.readAll(TestKafka.DLT).stream()
                        .map(record -> new String(record.value(), StandardCharsets.UTF_8))
                        .filter(value -> eventIds.stream().anyMatch(id -> value.contains(id.toString()))))
                .as("dead-lettered")
                .isEmpty();
        await().atMost(WAIT).until(() -> outage.current().isEmpty());
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    }

    private static void publishForEachOrder(
            List<String> orders,
            String customer,
            BiFunction<String, String, EventEnvelope> event,
            List<UUID> eventIds) {
        for (String order : orders) {
            EventEnvelope envelope = event.apply(order, customer);
            TestKafka.publish(envelope);
            eventIds.add(envelope.eventId());
        }
    }
}
