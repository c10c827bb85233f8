package dev.ordersystem.orders.web;

import static dev.ordersystem.localstack.openapi.ProblemAnswers.assertProblem;
import static dev.ordersystem.orders.support.TestCaller.OPERATOR;
import static dev.ordersystem.orders.support.TestCaller.PAYMENT;
import static dev.ordersystem.orders.support.TestCaller.STAFF;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersystem.localstack.RawHttp;
import dev.ordersystem.orders.support.ApiClient;
import dev.ordersystem.orders.support.OrderApiTestSupport;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input at every layer, as a table: Tomcat's connector (oversized header or URI, encoded slash, invalid
 * characters), Spring Security's firewall, Jackson (duplicate keys, coercion, nesting, huge numbers), validation
 * (NUL, lone surrogates and control characters in each string field, limits) and the parameters. Each is answered with
 * its 4xx as {@code application/problem+json}, and nothing is written to any table.
 */
class HostileInputIntegrationTests extends OrderApiTestSupport {

    private static final String NUL = "\\u0000";
    private static final String LONE_SURROGATE = "\\ud800";
    private static final String VALID_LINE = line("\"BOOK-1\"", "1", "10.00");
    private static final String KIB_10 = "k".repeat(10 * 1024);

    /** The order the cancel rows try to cancel (placed once). */
    private static volatile UUID order;

    static Stream<Arguments> hostileInputs() {
        return Stream.of(
                // --- strings: NUL, lone surrogates, control characters, in every string field
                row("NUL in customerId", 400, placing(order("\"ab" + NUL + "cd\"", "\"c@example.com\"", "\"EUR\""))),
                row("NUL in customerEmail", 400, placing(order("\"c1\"", "\"c" + NUL + "@example.com\"", "\"EUR\""))),
                row("NUL in currency", 400, placing(order("\"c1\"", "\"c@example.com\"", "\"EU" + NUL + "\""))),
                row("NUL in sku", 400, placing(orderWithLine(line("\"A" + NUL + "\"", "1", "1.00")))),
                row("NUL in the cancel reason", 400, cancelling("{\"reason\": \"late" + NUL + "\"}")),
                row(
                        "lone surrogate in customerId",
                        400,
                        placing(order("\"c" + LONE_SURROGATE + "\"", "\"c@e.com\"", "\"EUR\""))),
                row(
                        "lone surrogate in sku",
                        400,
                        placing(orderWithLine(line("\"A" + LONE_SURROGATE + "\"", "1", "1")))),
                row("lone low surrogate in the cancel reason", 400, cancelling("{\"reason\": \"x\\udc00\"}")),
                row("ESC in customerId", 400, placing(order("\"c\\u001b[31m\"", "\"c@example.com\"", "\"EUR\""))),
                row("line break in the cancel reason", 400, cancelling("{\"reason\": \"late\\nBcc: x@example.com\"}")),
                row("tab in the cancel reason", 400, cancelling("{\"reason\": \"late\\tnow\"}")),
                row("bidi override in the cancel reason", 400, cancelling("{\"reason\": \"late \\u202Emoc.live\"}")),
                row("invalid UTF-8 in the body", 400, placingBytes(invalidUtf8Order())),
                // --- JSON: duplicates, coercion, structure
                row("duplicate key", 400, placing("{\"customerId\": \"a\", \"customerId\": \"b\", " + rest())),
                row(
                        "duplicate key in a line",
                        400,
                        placing(orderWithLine("{\"sku\": \"A\", \"quantity\": 1, \"quantity\": 9, \"unitPrice\": 1}"))),
                row("quantity as a string", 400, placing(orderWithLine(line("\"A\"", "\"1\"", "1.00")))),
                row("unitPrice as a string", 400, placing(orderWithLine(line("\"A\"", "1", "\"1.00\"")))),
                row("customerId as a number", 400, placing(order("42", "\"c@example.com\"", "\"EUR\""))),
                row("currency as a boolean", 400, placing(order("\"c1\"", "\"c@example.com\"", "true"))),
                row("quantity as a float", 400, placing(orderWithLine(line("\"A\"", "1.0", "1.00")))),
                row("unknown property", 400, placing(validOrder().replaceFirst("\\{", "{\"discount\": 100, "))),
                row("trailing tokens", 400, placing(order("\"c1\"", "\"c@example.com\"", "\"EUR\"") + " {}")),
                row("malformed JSON", 400, placing("{\"customerId\": ")),
                row("deep nesting", 400, placing("{\"lines\": " + "[".repeat(5000) + "]".repeat(5000) + "}")),
                row("number of 2000 digits", 400, placing(orderWithLine(line("\"A\"", "1", "9".repeat(2000))))),
                row("price of 1e999999", 400, placing(orderWithLine(line("\"A\"", "1", "1e999999")))),
                row("quantity beyond int", 400, placing(orderWithLine(line("\"A\"", "2147483648", "1.00")))),
                row("negative quantity", 400, placing(orderWithLine(line("\"A\"", "-1", "1.00")))),
                row("zero quantity", 400, placing(orderWithLine(line("\"A\"", "0", "1.00")))),
                row("unknown currency", 400, placing(order("\"c1\"", "\"c@example.com\"", "\"XXY\""))),
                row("101 lines", 400, placing(orderWithLines(101))),
                row("cancel body as an array", 400, cancelling("[\"late\"]")),
                // --- body size and media type
                row(
                        "body over 64 KiB",
                        413,
                        placing(order("\"c1\"", "\"c@example.com\"", "\"EUR\"") + " ".repeat(65 * 1024))),
                row("text/plain body", 415, (api, id) -> answer(api.post("/orders", "text/plain", "{}"))),
                row("XML body", 415, (api, id) -> answer(api.post("/orders", "application/xml", "<order/>"))),
                // --- headers
                row(
                        "Idempotency-Key of 10 KiB",
                        400,
                        (api, id) -> answer(api.postJson("/orders", validOrder(), "Idempotency-Key", KIB_10))),
                row(
                        "Idempotency-Key with a space",
                        400,
                        (api, id) -> answer(api.postJson("/orders", validOrder(), "Idempotency-Key", "a b"))),
                row(
                        "header line without a colon",
                        400,
                        raw("GET /orders HTTP/1.1\r\nHost: localhost\r\nNot a header\r\n")),
                row("no Host header", 400, raw("GET /orders HTTP/1.1\r\n")),
                // --- URI and path
                row("URI of 10 KiB", 400, (api, id) -> answer(api.get("/orders?customerId=" + KIB_10))),
                row("encoded slash in a path", 400, (api, id) -> answer(api.get("/orders/a%2Fb"))),
                row("encoded NUL in a path", 400, (api, id) -> answer(api.get("/orders/%00"))),
                row("raw { in the request line", 400, raw("GET /orders/{id} HTTP/1.1\r\nHost: localhost\r\n")),
                row(
                        "raw control character in the path",
                        400,
                        raw("GET /orders/\u0001 HTTP/1.1\r\nHost: localhost\r\n")),
                row("path parameter (;)", 400, (api, id) -> answer(api.get("/orders;jsessionid=x"))),
                row("encoded dot segments", 400, (api, id) -> answer(api.get("/orders/%2e%2e/actuator"))),
                row("malformed order id", 400, (api, id) -> answer(api.get("/orders/not-a-uuid"))),
                row(
                        "malformed order id to pay",
                        400,
                        (api, id) -> answer(new ApiClient(api.port(), PAYMENT.token()).postEmpty("/orders/123/pay"))),
                row(
                        "malformed order id to cancel",
                        400,
                        (api, id) -> answer(api.postEmpty("/orders/" + "x".repeat(40) + "/cancel"))),
                row("malformed order id of a journey", 400, operatorGets("/ops/orders/not-a-uuid/journey")),
                row("encoded NUL in a journey's order id", 400, operatorGets("/ops/orders/%00/journey")),
                row(
                        "TRACE",
                        405,
                        (api, id) -> answer(
                                api.send(api.request("/orders").method("TRACE", HttpRequest.BodyPublishers.noBody())))),
                // --- query parameters
                row("page -1", 400, searching("page=-1")),
                row("page beyond int", 400, searching("page=99999999999")),
                row("page not a number", 400, searching("page=one")),
                row("size 0", 400, searching("size=0")),
                row("size over the maximum", 400, searching("size=101")),
                row("unknown status", 400, searching("status=LOST")),
                row("NUL in customerId parameter", 400, searching("customerId=a%00b")),
                row("control character in customerId parameter", 400, searching("customerId=a%1Bb")),
                row("lone surrogate in customerId parameter", 400, searching("customerId=a%ED%A0%80b")));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("hostileInputs")
    void answersWithAProblemAndWritesNothing(String input, int status, Call call) {
        UUID placed = placedOrder();
        var before = tableCounts();

        RawHttp.Response response = call.send(as(STAFF), placed);

        assertProblem(response, status);
        assertThat(tableCounts()).isEqualTo(before);
        assertThat(json(as(STAFF).get("/orders/" + placed)).get("status").asString())
                .isEqualTo("PLACED");
    }

    /** A request of the table as staff; {@code order} is a placed order of nobody in particular. */
    @FunctionalInterface
    interface Call {
        RawHttp.Response send(ApiClient api, UUID order);
    }

    private UUID placedOrder() {
        if (order == null) {
            order = placeOrder(uniqueCustomer());
        }
        return order;
    }

    private static Arguments row(String input, int status, Call call) {
        return Arguments.of(input, status, call);
    }

    private static Call placing(String body) {
        return (api, id) -> answer(api.postJson("/orders", body));
    }

    private static Call placingBytes(byte[] body) {
        return (api, id) -> answer(api.send(
                api.request("/orders").POST(HttpRequest.BodyPublishers.ofByteArray(body)),
                "Content-Type",
                "application/json"));
    }

    private static Call cancelling(String body) {
        return (api, id) -> answer(api.postJson("/orders/" + id + "/cancel", body));
    }

    private static Call operatorGets(String path) {
        return (api, id) -> answer(new ApiClient(api.port(), OPERATOR.token()).get(path));
    }

    private static Call searching(String query) {
        return (api, id) -> answer(api.get("/orders?" + query));
    }

    /** The request line and headers as given, with the staff token and {@code Connection: close}. */
    private static Call raw(String head) {
        return (api, id) -> RawHttp.send(
                api.port(), head + "Authorization: Bearer " + STAFF.token() + "\r\nConnection: close\r\n\r\n");
    }

    private static RawHttp.Response answer(HttpResponse<String> response) {
        return RawHttp.Response.of(response);
    }

    private static String validOrder() {
        return orderWithLine(VALID_LINE);
    }

    private static String order(String customerId, String email, String currency) {
        return "{\"customerId\": %s, \"customerEmail\": %s, \"currency\": %s, \"lines\": [%s]}"
                .formatted(customerId, email, currency, VALID_LINE);
    }

    private static String orderWithLine(String line) {
        return "{\"customerId\": \"c1\", \"customerEmail\": \"c1@example.com\", \"currency\": \"EUR\", \"lines\": [%s]}"
                .formatted(line);
    }

    private static String orderWithLines(int lines) {
        return orderWithLine(String.join(", ", Collections.nCopies(lines, VALID_LINE)));
    }

    /** The part of an order after {@code customerId}. */
    private static String rest() {
        return "\"customerEmail\": \"c1@example.com\", \"currency\": \"EUR\", \"lines\": [" + VALID_LINE + "]}";
    }

    private static byte[] invalidUtf8Order() {
        // 0xFF is never valid in UTF-8
        return validOrder().replace("BOOK-1", "BOOK-\u00ff").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String line(String sku, String quantity, String unitPrice) {
        return "{\"sku\": %s, \"quantity\": %s, \"unitPrice\": %s}".formatted(sku, quantity, unitPrice);
    }
}
