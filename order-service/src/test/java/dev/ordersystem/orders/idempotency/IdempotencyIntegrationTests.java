package dev.ordersystem.orders.idempotency;

import static dev.ordersystem.orders.support.TestCaller.ADA;
import static dev.ordersystem.orders.support.TestCaller.GRACE;
import static dev.ordersystem.orders.support.TestCaller.STAFF;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersystem.orders.support.OrderApiTestSupport;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class IdempotencyIntegrationTests extends OrderApiTestSupport {

    @Autowired
    IdempotencyKeys keys;

    @Test
    void sameKeyAndBodyReturnsTheFirstResponseWithoutSecondOrder() {
        String customer = uniqueCustomer();
        String key = UUID.randomUUID().toString();

        var first = as(STAFF).postJson("/orders", orderJson(customer), "Idempotency-Key", key);
        var before = tableCounts();
        var second = as(STAFF).postJson("/orders", orderJson(customer), "Idempotency-Key", key);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(json(second)).isEqualTo(json(first));
        assertThat(second.headers().firstValue("Location"))
                .isEqualTo(first.headers().firstValue("Location"));
        assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(tableCounts()).isEqualTo(before);
        assertThat(ordersOf(customer)).isEqualTo(1);
    }

    @Test
    void eightSimultaneousRequestsWithOneKeyCreateOneOrder() throws Exception {
        String customer = uniqueCustomer();
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        var start = new CountDownLatch(1);
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                calls.add(CompletableFuture.supplyAsync(
                        () -> {
                            await(start);
                            return as(STAFF).postJson("/orders", orderJson(customer), "Idempotency-Key", key);
                        },
                        pool));
            }
            start.countDown();
            var responses = calls.stream().map(CompletableFuture::join).toList();

            assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(201);
            assertThat(responses.stream().map(r -> json(r).get("id").asString()).distinct())
                    .hasSize(1);
            assertThat(ordersOf(customer)).isEqualTo(1);
            UUID id = UUID.fromString(json(responses.get(0)).get("id").asString());
            assertThat(outboxRowsFor(id)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void sameKeyWithDifferentBodyIsRejectedWith422() {
        String key = UUID.randomUUID().toString();
        as(STAFF).postJson("/orders", orderJson(uniqueCustomer()), "Idempotency-Key", key);
        var before = tableCounts();

        var response = as(STAFF).postJson("/orders", orderJson(uniqueCustomer()), "Idempotency-Key", key);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response).get("detail").asString()).contains(key);
        assertThat(tableCounts()).isEqualTo(before);
    }

    @Test
    void keyIsKeptForTheConfiguredTimeAndForgottenAfterIt() {
        String customer = uniqueCustomer();
        String key = UUID.randomUUID().toString();
        var first = as(STAFF).postJson("/orders", orderJson(customer), "Idempotency-Key", key);
        long windowSeconds = jdbc.sql("select extract(epoch from expires_at - created_at)::bigint"
                        + " from idempotency_keys where idempotency_key = :k")
                .param("k", key)
                .query(Long.class)
                .single();
        assertThat(Duration.ofSeconds(windowSeconds)).isEqualTo(Duration.ofHours(24));

        jdbc.sql("update idempotency_keys set expires_at = now() - interval '1 second' where idempotency_key = :k")
                .param("k", key)
                .update();
        var afterExpiry = as(STAFF).postJson("/orders", orderJson(customer), "Idempotency-Key", key);

        assertThat(afterExpiry.statusCode()).isEqualTo(201);
        assertThat(json(afterExpiry).get("id")).isNotEqualTo(json(first).get("id"));
        assertThat(ordersOf(customer)).isEqualTo(2);
    }

    @Test
    void purgeDeletesOnlyExpiredKeys() {
        String live = UUID.randomUUID().toString();
        String expired = UUID.randomUUID().toString();
        as(STAFF).postJson("/orders", orderJson(uniqueCustomer()), "Idempotency-Key", live);
        as(STAFF).postJson("/orders", orderJson(uniqueCustomer()), "Idempotency-Key", expired);
        jdbc.sql("update idempotency_keys set expires_at = now() - interval '1 second' where idempotency_key = :k")
                .param("k", expired)
                .update();

        keys.purgeExpired();

        assertThat(jdbc.sql("select idempotency_key from idempotency_keys where idempotency_key in (:a, :b)")
                        .param("a", live)
                        .param("b", expired)
                        .query(String.class)
                        .list())
                .containsExactly(live);
    }

    @Test
    void anotherCallersIdenticalKeyStartsAfreshAndNeverReplaysTheFirstCallersResponse() {
        String key = UUID.randomUUID().toString();
        var adas = as(ADA).postJson("/orders", ownOrderJson(), "Idempotency-Key", key);

        var graces = as(GRACE).postJson("/orders", ownOrderJson(), "Idempotency-Key", key);
        var staffs = as(STAFF).postJson("/orders", orderJson(uniqueCustomer()), "Idempotency-Key", key);
        var adasAgain = as(ADA).postJson("/orders", ownOrderJson(), "Idempotency-Key", key);

        assertThat(List.of(adas, graces, staffs))
                .extracting(HttpResponse::statusCode)
                .containsOnly(201);
        assertThat(graces.headers().firstValue("Idempotent-Replayed")).hasValue("false");
        assertThat(json(graces).get("customerId").asString()).isEqualTo("grace");
        assertThat(staffs.headers().firstValue("Idempotent-Replayed")).hasValue("false");
        assertThat(List.of(adas, graces, staffs).stream()
                        .map(r -> json(r).get("id"))
                        .distinct())
                .hasSize(3);
        assertThat(adasAgain.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(json(adasAgain)).isEqualTo(json(adas));
        assertThat(jdbc.sql("select owner from idempotency_keys where idempotency_key = :k order by owner")
                        .param("k", key)
                        .query(String.class)
                        .list())
                .containsExactly("ada", "grace", "sam");
    }

    @Test
    void rejectsMalformedKeyWith400() {
        var before = tableCounts();

        var response = as(STAFF).postJson("/orders", orderJson(uniqueCustomer()), "Idempotency-Key", "x".repeat(256));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("errors").get(0).get("field").asString()).isEqualTo("Idempotency-Key");
        assertThat(tableCounts()).isEqualTo(before);
    }

    private long ordersOf(String customer) {
        return jdbc.sql("select count(*) from orders where customer_id = :c")
                .param("c", customer)
                .query(Long.class)
                .single();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
