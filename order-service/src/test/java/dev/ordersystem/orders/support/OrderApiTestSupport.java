package dev.ordersystem.orders.support;

import static dev.ordersystem.orders.support.TestCaller.PAYMENT;
import static dev.ordersystem.orders.support.TestCaller.STAFF;
import static dev.ordersystem.orders.support.TestCaller.WAREHOUSE;

import dev.ordersystem.events.EventEnvelope;
import dev.ordersystem.localstack.junit.UseLocalStack;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the order API integration tests: the application on a random port against the local stack's real
 * PostgreSQL, trusting the tests' real authorization server ({@link TestCaller#server()}), with profile {@code test}
 * (which allows the local stack's demo password); HTTP calls as any {@link TestCaller}, and direct access to the tables
 * to check what was (not) written.
 *
 * <p>The outbox relay is off here: cached test contexts would otherwise keep relays running (and one of them holding
 * the lease) for the rest of the run. Relay tests switch it on with their own slot, topic and lease, see {@link
 * RelayTestNames}.
 */
@UseLocalStack(database = "orders")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestPropertySource(
        properties = {
            "orders.relay.enabled=false",
            // the local stack's Kafka broker runs in this JVM: keep its INFO chatter out of the test output
            "logging.level.kafka=WARN",
            "logging.level.state.change.logger=WARN"
        })
public abstract class OrderApiTestSupport {

    protected static final JsonMapper JSON = JsonMapper.builder().build();

    /** One valid order line. */
    protected static final String LINE = "{\"sku\": \"BOOK-1\", \"quantity\": 1, \"unitPrice\": 10.00}";

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @DynamicPropertySource
    static void trustTheTestIssuer(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.security.oauth2.resourceserver.jwt.issuer-uri",
                () -> TestCaller.server().issuer().toString());
    }

    /** Calls with the caller's token. */
    protected ApiClient as(TestCaller caller) {
        return new ApiClient(port, caller.token());
    }

    protected static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** Places a valid order for the customer (as staff) and returns its id. */
    protected UUID placeOrder(String customerId) {
        var response = as(STAFF).postJson("/orders", orderJson(customerId));
        if (response.statusCode() != 201) {
            throw new AssertionError("order not created: " + response.statusCode() + " " + response.body());
        }
        return UUID.fromString(json(response).get("id").asString());
    }

    /**
     * {@code POST /orders/{id}/<action>} by whoever may do it: {@code pay} the payment client, {@code ship} the
     * warehouse, {@code cancel} staff.
     */
    protected HttpResponse<String> transition(UUID id, String action, String... headers) {
        TestCaller caller = switch (action) {
            case "pay" -> PAYMENT;
            case "ship" -> WAREHOUSE;
            default -> STAFF;
        };
        return as(caller).postEmpty("/orders/" + id + "/" + action, headers);
    }

    protected static String orderJson(String customerId) {
        return """
                {"customerId": "%s", "customerEmail": "%s@example.com", "currency": "EUR",
                 "lines": [{"sku": "BOOK-1", "quantity": 2, "unitPrice": 12.50},
                           {"sku": "PEN-7", "quantity": 1, "unitPrice": 3.99}]}
                """.formatted(customerId, customerId);
    }

    /** An order with these fields and lines (each a JSON object, or anything else to test bad input). */
    protected static String orderJson(String customerId, String email, String currency, String... lines) {
        return "{\"customerId\": \"%s\", \"customerEmail\": \"%s\", \"currency\": \"%s\", \"lines\": [%s]}"
                .formatted(customerId, email, currency, String.join(", ", lines));
    }

    /** An order as a customer sends it: no customer id or address, those come from the token. */
    protected static String ownOrderJson() {
        return """
                {"currency": "EUR", "lines": [%s]}
                """.formatted(LINE);
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

    /** Runs {@code sql}, a select of replication slot functions for their effect, with {@code :slot} bound. */
    protected void onSlot(String slot, String sql) {
        jdbc.sql(sql).param("slot", slot).query().listOfRows();
    }

    /** The single value {@code sql} selects about the replication slot bound to {@code :slot}. */
    protected <T> T ofSlot(String slot, String sql, Class<T> type) {
        return jdbc.sql(sql).param("slot", slot).query(type).single();
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
}
