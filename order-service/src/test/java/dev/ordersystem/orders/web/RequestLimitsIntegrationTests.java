package dev.ordersystem.orders.web;

import static dev.ordersystem.orders.support.TestCaller.STAFF;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersystem.orders.support.ApiClient;
import dev.ordersystem.orders.support.OrderApiTestSupport;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every limit on what a caller can make the service do, as a table: request bodies (64 KiB, also when chunked), the
 * number of lines (checked before the lines themselves), the length of every string, plain-text cancel reasons. Each
 * answer is a problem naming the one offending field, and nothing is written.
 */
class RequestLimitsIntegrationTests extends OrderApiTestSupport {

    private static final int KIB = 1024;
    private static final String ID = "c1";
    private static final String EMAIL = "c1@example.com";
    private static final String EMAIL_OF_255 = "abcdefg@" + ("b".repeat(60) + ".").repeat(4) + "com";
    private static final String[] INVALID_LINES_101 = Collections.nCopies(
                    101, "{\"sku\": \"\", \"quantity\": 0, \"unitPrice\": -1}")
            .toArray(String[]::new);
    private static final String LINE_WITH_SKU_OF_65 = LINE.replace("BOOK-1", "S".repeat(65));

    static Stream<Arguments> limits() {
        return Stream.of(
                // limit, status, the field named, the request (as staff)
                limit("body over 64 KiB", 413, null, placing(paddedOrder(65 * KIB))),
                limit("chunked body over 64 KiB", 413, null, chunked(paddedOrder(65 * KIB))),
                limit("chunked body of 64 KiB", 201, null, chunked(paddedOrder(64 * KIB))),
                limit("101 lines, each invalid", 400, "lines", placing(orderJson(ID, EMAIL, "EUR", INVALID_LINES_101))),
                limit("customerId of 65", 400, "customerId", placing(orderJson("c".repeat(65), EMAIL, "EUR", LINE))),
                limit("customerEmail of 255", 400, "customerEmail", placing(orderJson(ID, EMAIL_OF_255, "EUR", LINE))),
                limit("currency of 4 letters", 400, "currency", placing(orderJson(ID, EMAIL, "EURO", LINE))),
                limit("sku of 65", 400, "lines[0].sku", placing(orderJson(ID, EMAIL, "EUR", LINE_WITH_SKU_OF_65))),
                limit("Idempotency-Key of 256", 400, "Idempotency-Key", placing(256)),
                limit("cancel reason of 501", 400, "reason", cancelling("r".repeat(501))),
                limit("cancel reason with a line break", 400, "reason", cancelling("late\\nBcc: x@example.com")),
                limit("cancel reason with a NUL", 400, "reason", cancelling("late\\u0000")),
                limit("cancel reason with a bidi override", 400, "reason", cancelling("late \\u202Emoc.live")),
                limit("customerId parameter of 65", 400, "customerId", searching("customerId=" + "c".repeat(65))),
                limit("status parameter of 1000", 400, "status", searching("status=" + "S".repeat(1000))),
                limit("page size over 100", 400, "size", searching("size=101")));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("limits")
    void enforcesTheLimit(String limit, Call call, int status, @Nullable String field) {
        UUID order = placeOrder(uniqueCustomer());
        var before = tableCounts();

        HttpResponse<String> response = call.send(as(STAFF), order);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        if (status == 201) {
            return;
        }
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        List<String> fields = new ArrayList<>();
        json(response)
                .path("errors")
                .forEach(error -> fields.add(error.get("field").asString()));
        if (field == null) {
            assertThat(json(response).get("type").asString()).isEqualTo("urn:ordersystem:problem:request-too-large");
            assertThat(fields).isEmpty();
        } else {
            assertThat(fields).containsExactly(field);
        }
        assertThat(tableCounts()).isEqualTo(before);
    }

    /** A request of the table, as staff; {@code order} is a placed order. */
    @FunctionalInterface
    interface Call {
        HttpResponse<String> send(ApiClient api, UUID order);
    }

    private static Arguments limit(String limit, int status, @Nullable String field, Call call) {
        return Arguments.of(limit, call, status, field);
    }

    private static Call placing(String order) {
        return (api, id) -> api.postJson("/orders", order);
    }

    /** A valid order with an {@code Idempotency-Key} of this length. */
    private static Call placing(int keyLength) {
        return (api, id) ->
                api.postJson("/orders", orderJson(ID, EMAIL, "EUR", LINE), "Idempotency-Key", "k".repeat(keyLength));
    }

    /** {@code POST /orders} with {@code Transfer-Encoding: chunked} (a body of unknown length). */
    private static Call chunked(String order) {
        byte[] bytes = order.getBytes(StandardCharsets.UTF_8);
        return (api, id) -> api.send(
                api.request("/orders")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))),
                "Content-Type",
                "application/json");
    }

    /** Cancels the order with this reason, as it is written in JSON. */
    private static Call cancelling(String jsonReason) {
        return (api, id) -> api.postJson("/orders/" + id + "/cancel", "{\"reason\": \"" + jsonReason + "\"}");
    }

    private static Call searching(String query) {
        return (api, id) -> api.get("/orders?" + query);
    }

    /** A valid order padded with spaces to exactly {@code size} bytes. */
    private static String paddedOrder(int size) {
        String order = orderJson(ID, EMAIL, "EUR", LINE);
        return order + " ".repeat(size - order.length());
    }
}
