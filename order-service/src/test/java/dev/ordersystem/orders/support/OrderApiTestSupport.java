package dev.ordersystem.orders.support;

import dev.ordersystem.events.EventEnvelope;
import dev.ordersystem.localstack.junit.UseLocalStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the order API integration tests: the application on a random port against the local stack's real
 * PostgreSQL, a plain HTTP client, and direct access to the tables to check what was (not) written.
 *
 * <p>The outbox relay is off here: cached test contexts would otherwise keep relays running (and one of them holding
 * the lease) for the rest of the run. Relay tests switch it on with their own slot, topic and lease, see {@link
 * RelayTestNames}.
 */
@UseLocalStack(database = "orders")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(
        properties = {
            "orders.relay.enabled=false",
            // the local stack's Kafka broker runs in this JVM: keep its INFO chatter out of the test output
            "logging.level.kafka=WARN",
            "logging.level.state.change.logger=WARN"
        })
public abstract class OrderApiTestSupport {

    protected static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    protected HttpResponse<String> post(String path, String contentType, String body, String... headers) {
        var request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request, headers);
    }

    protected HttpResponse<String> postJson(String path, String body, String... headers) {
        return post(path, "application/json", body, headers);
    }

    protected HttpResponse<String> postEmpty(String path, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()), headers);
    }

    protected HttpResponse<String> get(String path, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), headers);
    }

    protected static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** Places a valid order for the customer and returns its id. */
    protected UUID placeOrder(String customerId) {
        var response = postJson("/orders", orderJson(customerId));
        if (response.statusCode() != 201) {
            throw new AssertionError("order not created: " + response.statusCode() + " " + response.body());
        }
        return UUID.fromString(json(response).get("id").asString());
    }

    protected static String orderJson(String customerId) {
        return """
                {"customerId": "%s", "customerEmail": "%s@example.com", "currency": "EUR",
                 "lines": [{"sku": "BOOK-1", "quantity": 2, "unitPrice": 12.50},
                           {"sku": "PEN-7", "quantity": 1, "unitPrice": 3.99}]}
                """.formatted(customerId, customerId);
    }

    protected static String uniqueCustomer() {
        return "customer-" + UUID.randomUUID();
    }

    /** Row counts of every table the API writes. */
    protected Map<String, Long> tableCounts() {
        return Map.of(
                "orders", count("orders"),
                "order_lines", count("order_lines"),
                "outbox", count("outbox"),
                "idempotency_keys", count("idempotency_keys"));
    }

    protected long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    protected long outboxRowsFor(UUID orderId) {
        return jdbc.sql("select count(*) from outbox where aggregate_id = :id")
                .param("id", orderId.toString())
                .query(Long.class)
                .single();
    }

    /** How many of the events still have their row in the outbox. */
    protected long outboxRowsWithIds(List<EventEnvelope> envelopes) {
        return jdbc.sql("select count(*) from outbox where id in (:ids)")
                .param("ids", envelopes.stream().map(EventEnvelope::eventId).toList())
                .query(Long.class)
                .single();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String... headers) {
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("HTTP request failed", e);
        }
    }
}
