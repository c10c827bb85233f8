package dev.ordersystem.orders;

import static dev.ordersystem.orders.support.TestCaller.ANONYMOUS;
import static dev.ordersystem.orders.support.TestCaller.PAYMENT;
import static dev.ordersystem.orders.support.TestCaller.STAFF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ordersystem.localstack.LocalStack;
import dev.ordersystem.localstack.StackMode;
import dev.ordersystem.localstack.junit.LocalStackExtension;
import dev.ordersystem.orders.support.RelayTestSupport;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The order database is stopped for a few seconds and started again: while it is down every API call answers 503
 * problem+json within 2 s (readiness is DOWN, liveness stays UP); afterwards orders are taken again and the relay
 * streams again, both without anyone's help.
 */
@TestPropertySource(
        properties = {
            "orders.relay.enabled=true",
            "orders.relay.instance-id=restart-test",
            "orders.relay.slot-name=relay_restart",
            "orders.relay.publication-name=relay_pub_restart",
            "orders.relay.topic=" + DatabaseRestartIntegrationTests.TOPIC,
            "orders.relay.offsets-topic=orders.relay.offsets.restart",
            "orders.relay.heartbeat-interval=PT1S"
        })
@DirtiesContext
class DatabaseRestartIntegrationTests extends RelayTestSupport {

    static final String TOPIC = "orders.events.restart";
    private static final Duration OUTAGE = Duration.ofSeconds(6);
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(2);

    /** One API call during the outage. */
    record Answer(String call, int status, Duration took, HttpResponse<String> response) {}

    @Test
    void answers503WithinTwoSecondsWhileTheDatabaseIsDownThenTakesAndRelaysOrdersAgainByItself() {
        LocalStack stack = LocalStackExtension.stack();
        assumeTrue(stack.mode() == StackMode.LOCAL, "PostgreSQL can only be stopped and started in LOCAL stack mode");
        UUID placedBefore = placeOrder(uniqueCustomer());
        List<Answer> answers = new ArrayList<>();

        stack.stopPostgres("orders");
        try {
            long end = System.nanoTime() + OUTAGE.toNanos();
            while (System.nanoTime() < end) {
                answers.add(call("POST /orders", () -> as(STAFF).postJson("/orders", orderJson(uniqueCustomer()))));
                answers.add(call("GET /orders/{id}", () -> as(STAFF).get("/orders/" + placedBefore)));
                answers.add(
                        call("POST /orders/{id}/pay", () -> as(PAYMENT).postEmpty("/orders/" + placedBefore + "/pay")));
            }
            assertThat(as(ANONYMOUS).get("/actuator/health/readiness").statusCode())
                    .isEqualTo(503);
            assertThat(as(ANONYMOUS).get("/actuator/health/liveness").statusCode())
                    .isEqualTo(200);
        } finally {
            stack.startPostgres("orders");
        }

        System.out.printf(
                "database restart test: %d answers during the outage, slowest %d ms%n",
                answers.size(),
                answers.stream().mapToLong(a -> a.took().toMillis()).max().orElse(0));
        assertThat(answers).hasSizeGreaterThanOrEqualTo(6).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.call()).isEqualTo(503);
            assertThat(answer.took()).as(answer.call()).isLessThan(ANSWER_BOUND);
            assertThat(answer.response().headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(answer.response().headers().firstValue("Retry-After")).isPresent();
            assertThat(json(answer.response()).path("type").asString())
                    .isEqualTo("urn:ordersystem:problem:database-unavailable");
        });

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> as(STAFF)
                                .postJson("/orders", orderJson(uniqueCustomer()))
                                .statusCode()
                        == 201);
        assertThat(as(ANONYMOUS).get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        // the relay failed with the database and comes back on its own (restart backoff)
        awaitStreaming();
        UUID placedAfter = placeOrder(uniqueCustomer());
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(topic.poll())
                        .extracting(r -> r.key())
                        .contains(placedBefore.toString(), placedAfter.toString()));
    }

    private static Answer call(String name, java.util.function.Supplier<HttpResponse<String>> request) {
        long started = System.nanoTime();
        HttpResponse<String> response = request.get();
        return new Answer(name, response.statusCode(), Duration.ofNanos(System.nanoTime() - started), response);
    }
}
