package dev.ordersystem.orders.web;

import static dev.ordersystem.orders.support.TestCaller.PAYMENT;
import static dev.ordersystem.orders.support.TestCaller.STAFF;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersystem.orders.support.OrderApiTestSupport;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.test.context.TestPropertySource;

/**
 * Every kind of bad input gets a 4xx problem+json answer that names what is wrong, never a 500 or a stack trace, and
 * writes nothing to any table.
 */
@TestPropertySource(
        properties = {"orders.limits.max-lines=5", "orders.limits.max-quantity=1000", "orders.api.max-page-size=50"})
class BadInputIntegrationTests extends OrderApiTestSupport {

    static Stream<Arguments> badOrders() {
        return Stream.of(
                bad("malformed JSON", "{\"customerId\": ", 400),
                bad("empty body", "", 400),
                bad("JSON null", "null", 400),
                bad("JSON array", "[]", 400),
                bad("empty object", "{}", 400, "currency", "customerEmail", "customerId", "lines"),
                bad("blank customer id", orderJson("   ", "a@example.com", "EUR", LINE), 400, "customerId"),
                bad("invalid email", orderJson("c1", "not-an-email", "EUR", LINE), 400, "customerEmail"),
                bad("unknown currency", orderJson("c1", "a@example.com", "ZZZ", LINE), 400, "currency"),
                bad("lowercase currency", orderJson("c1", "a@example.com", "eur", LINE), 400, "currency"),
                bad("no lines", orderJson("c1", "a@example.com", "EUR"), 400, "lines"),
                bad(
                        "too many lines",
                        orderJson("c1", "a@example.com", "EUR", LINE, LINE, LINE, LINE, LINE, LINE),
                        400,
                        "lines"),
                badLine("zero quantity", "EUR", "0", "1.00", "lines[0].quantity"),
                badLine("negative quantity", "EUR", "-3", "1.00", "lines[0].quantity"),
                badLine("absurd quantity", "EUR", "1001", "1.00", "lines[0].quantity"),
                badLine("quantity beyond int", "EUR", "99999999999", "1", "lines[0].quantity"),
                badLine("fractional quantity", "EUR", "1.5", "1.00", "lines[0].quantity"),
                badLine("negative price", "EUR", "1", "-0.01", "lines[0].unitPrice"),
                badLine("too many decimals for EUR", "EUR", "1", "1.001", "lines[0].unitPrice"),
                badLine("decimals for JPY", "JPY", "1", "100.5", "lines[0].unitPrice"),
                badLine("price as text", "EUR", "1", "\"ten\"", "lines[0].unitPrice"),
                bad(
                        "missing sku",
                        orderJson("c1", "a@example.com", "EUR", "{\"quantity\": 1, \"unitPrice\": 1}"),
                        400,
                        "lines[0].sku"),
                bad("null line", orderJson("c1", "a@example.com", "EUR", "null"), 400, "lines[0]"),
                bad(
                        "lines not an array",
                        orderJson("c1", "a@example.com", "EUR").replace("[]", "\"x\""),
                        400,
                        "lines"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badOrders")
    void rejectsBadOrderAndWritesNothing(String name, String body, int status, List<String> fields) {
        var before = tableCounts();

        var response = as(STAFF).postJson("/orders", body);

        assertProblem(response, status);
        if (!fields.isEmpty()) {
            List<String> reported = new ArrayList<>();
            json(response)
                    .get("errors")
                    .forEach(error -> reported.add(error.get("field").asString()));
            assertThat(reported).containsAll(fields);
        }
        assertThat(tableCounts()).isEqualTo(before);
    }

    @Test
    void rejectsWrongContentTypeWith415() {
        var before = tableCounts();

        var response = as(STAFF).post("/orders", "text/plain", orderJson(uniqueCustomer()));

        assertProblem(response, 415);
        assertThat(tableCounts()).isEqualTo(before);
    }

    @Test
    void rejectsMissingContentTypeWith415() {
        var before = tableCounts();

        var response = as(STAFF).post("/orders", null, orderJson(uniqueCustomer()));

        assertProblem(response, 415);
        assertThat(tableCounts()).isEqualTo(before);
    }

    @Test
    void answersUnknownOrderWith404() {
        var before = tableCounts();
        UUID id = UUID.randomUUID();

        assertProblem(as(STAFF).get("/orders/" + id), 404);
        assertProblem(transition(id, "pay"), 404);
        assertProblem(transition(id, "ship"), 404);
        assertProblem(transition(id, "cancel"), 404);
        assertThat(tableCounts()).isEqualTo(before);
    }

    @Test
    void answersMalformedOrderIdWith400() {
        var before = tableCounts();

        var response = as(STAFF).get("/orders/not-a-uuid");

        assertProblem(response, 400);
        assertThat(json(response).get("errors").get(0).get("field").asString()).isEqualTo("id");
        assertProblem(as(PAYMENT).postEmpty("/orders/123/pay"), 400);
        assertThat(tableCounts()).isEqualTo(before);
    }

    @Test
    void rejectsOversizedCancelReasonAndKeepsTheOrder() {
        UUID id = placeOrder(uniqueCustomer());
        var before = tableCounts();

        var response = as(STAFF).postJson("/orders/" + id + "/cancel", "{\"reason\": \"" + "r".repeat(501) + "\"}");

        assertProblem(response, 400);
        assertThat(json(response).get("errors").get(0).get("field").asString()).isEqualTo("reason");
        assertThat(json(as(STAFF).get("/orders/" + id)).get("status").asString())
                .isEqualTo("PLACED");
        assertThat(tableCounts()).isEqualTo(before);
    }

    @Test
    void rejectsBadSearchParametersWith400() {
        assertProblem(as(STAFF).get("/orders?status=LOST"), 400);
        assertProblem(as(STAFF).get("/orders?page=-1"), 400);
        assertProblem(as(STAFF).get("/orders?size=0"), 400);
        assertProblem(as(STAFF).get("/orders?size=101"), 400);
        assertProblem(as(STAFF).get("/orders?size=abc"), 400);
    }

    @Test
    void rejectsPagesLargerThanTheConfiguredMaximum() {
        assertThat(as(STAFF).get("/orders?size=50").statusCode()).isEqualTo(200);

        var response = as(STAFF).get("/orders?size=51");

        assertProblem(response, 400);
        assertThat(json(response).get("errors").get(0).get("message").asString())
                .isEqualTo("must be between 1 and 50");
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        var body = json(response);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("title").asString()).isNotBlank();
        assertThat(response.body())
                .doesNotContain("Exception")
                .doesNotContain("\tat ")
                .doesNotContain("trace");
    }

    private static Arguments bad(String name, String body, int status, String... fields) {
        return Arguments.of(name, body, status, List.of(fields));
    }

    /** An order of one line of SKU {@code A} that is bad in {@code field}. */
    private static Arguments badLine(String name, String currency, String quantity, String unitPrice, String field) {
        String line = "{\"sku\": \"A\", \"quantity\": %s, \"unitPrice\": %s}".formatted(quantity, unitPrice);
        return bad(name, orderJson("c1", "a@example.com", currency, line), 400, field);
    }
}
