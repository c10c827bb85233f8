package dev.ordersystem.system.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ordersystem.localstack.Ports;
import dev.ordersystem.system.DemoAccount;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link OrderApi} against a stub HTTP server: what it retries, how it counts the answers, which token it sends. */
class OrderApiTests {

    private final AtomicInteger calls = new AtomicInteger();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private HttpServer server;

    /** Answers {@code POST /orders} with 503 twice, then 201. */
    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/orders", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            if (calls.incrementAndGet() <= 2) {
                respond(exchange, 503, "{\"title\":\"Service Unavailable\"}");
            } else {
                respond(exchange, 201, "{\"id\":\"order-1\"}");
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void retriesA503AndCountsEveryAnswerByStatus() {
        try (OrderApi api = new OrderApi(url(), OrderApiTests::token)) {
            OrderApi.Answers before = api.answers();

            assertThat(api.place("key-1", "customer-1", 1)).isEqualTo("order-1");

            OrderApi.Answers window = api.answers().since(before);
            assertThat(window.byStatus()).containsExactly(entry(201, 1L), entry(503, 2L));
            assertThat(window.total()).isEqualTo(3);
            assertThat(window).hasToString("201=1 503=2");
        }
    }

    @Test
    void placesOrdersWithTheStaffTokenOnEveryAttempt() {
        try (OrderApi api = new OrderApi(url(), OrderApiTests::token)) {
            api.place("key-3", "customer-1", 3);
        }

        assertThat(authorizations).hasSize(3).containsOnly("Bearer token-of-" + DemoAccount.STAFF);
    }

    @Test
    void countsAttemptsThatGetNoAnswerAsNone() {
        try (OrderApi api = new OrderApi("http://127.0.0.1:" + Ports.freePort(), OrderApiTests::token)) {
            CompletableFuture<String> placing = CompletableFuture.supplyAsync(() -> api.place("key-2", "c", 2));
            await().atMost(Duration.ofSeconds(30)).until(() -> api.answers().count(OrderApi.Answers.NONE) >= 2);

            api.target(url());

            assertThat(placing.join()).isEqualTo("order-1");
            assertThat(api.answers().count(OrderApi.Answers.NONE)).isGreaterThanOrEqualTo(2);
            assertThat(api.answers().count(201)).isEqualTo(1);
            assertThat(api.answers().toString()).startsWith("none=");
        }
    }

    @Test
    void aWindowHoldsOnlyTheAnswersGivenInIt() {
        OrderApi.Answers earlier = new OrderApi.Answers(new TreeMap<>(Map.of(200, 5L, 503, 2L)));
        OrderApi.Answers later = new OrderApi.Answers(new TreeMap<>(Map.of(200, 9L, 503, 2L, 500, 1L)));

        assertThat(later.since(earlier).byStatus()).containsExactly(entry(200, 4L), entry(500, 1L));
        assertThat(later.since(later).total()).isZero();
    }

    private static String token(DemoAccount account) {
        return "token-of-" + account;
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
