package dev.ordersystem.notifications.web;

import static dev.ordersystem.localstack.openapi.ProblemAnswers.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersystem.localstack.RawHttp;
import dev.ordersystem.notifications.support.IntegrationTestSupport;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input at every layer, as a table: Tomcat's connector (oversized header or URI, encoded slash, invalid
 * characters), Spring Security's firewall, and the API's paths, parameters and headers (control characters and
 * invalid Unicode in a customer id, malformed ids, out-of-range paging, a bad {@code Last-Event-ID}). Each is
 * answered with its 4xx as {@code application/problem+json}, and nothing is written to any table.
 */
class HostileInputIntegrationTests extends IntegrationTestSupport {

    private static final String KIB_10 = "k".repeat(10 * 1024);
    private static final List<String> TABLES =
            List.of("notifications", "processed_events", "email_deliveries", "dead_letter_decisions");

    static Stream<Arguments> hostileInputs() {
        return Stream.of(
                // --- the customer id in the path
                row("encoded NUL in customerId", 400, asStaff("/customers/a%00b/notifications")),
                row("control character in customerId", 400, asStaff("/customers/a%01b/notifications")),
                row("ESC in customerId of the stream", 400, asStaff("/customers/a%1Bb/notifications/stream")),
                row("bidi override in customerId", 400, asStaff("/customers/a%E2%80%AEb/notifications")),
                row("lone surrogate in customerId", 400, asStaff("/customers/a%ED%A0%80b/notifications")),
                row("bytes that are not UTF-8 in customerId", 400, asStaff("/customers/a%FFb/notifications")),
                row("customerId of 201", 400, asStaff("/customers/" + "c".repeat(201) + "/notifications")),
                row("blank customerId", 400, asStaff("/customers/%20/notifications")),
                // --- ids, parameters, headers
                row("malformed notification id", 400, asStaff("/notifications/not-a-uuid")),
                row("page -1", 400, asStaff("/customers/c1/notifications?page=-1")),
                row("page not a number", 400, asStaff("/customers/c1/notifications?page=one")),
                row("page beyond int", 400, asStaff("/customers/c1/notifications?page=99999999999")),
                row("size 0", 400, asStaff("/customers/c1/notifications?size=0")),
                row("size over the maximum", 400, asStaff("/customers/c1/notifications?size=100000")),
                row("parameter that is not UTF-8", 400, asStaff("/customers/c1/notifications?page=%FF")),
                row(
                        "malformed Last-Event-ID",
                        400,
                        test -> RawHttp.Response.of(test.get(
                                "/customers/c1/notifications/stream", AUTHORIZATION, STAFF, "Last-Event-ID", "42"))),
                row(
                        "Last-Event-ID with a control character",
                        400,
                        raw("GET /customers/c1/notifications/stream"
                                + " HTTP/1.1\r\nHost: localhost\r\nLast-Event-ID: a\u0001b\r\n")),
                // --- operations
                row("malformed order id of a journey", 400, asOperator("/ops/orders/not-a-uuid/journey")),
                row("encoded NUL in a journey's order id", 400, asOperator("/ops/orders/%00/journey")),
                row("dead letters limit 0", 400, asOperator("/ops/dead-letters?limit=0")),
                row("dead letters limit not a number", 400, asOperator("/ops/dead-letters?limit=all")),
                row("dead letters unknown status", 400, asOperator("/ops/dead-letters?status=lost")),
                row(
                        "re-drive partition not a number",
                        400,
                        test -> RawHttp.Response.of(
                                test.post("/ops/dead-letters/p/1/redrive", AUTHORIZATION, OPERATOR))),
                row(
                        "discard offset beyond long",
                        400,
                        test -> RawHttp.Response.of(test.post(
                                "/ops/dead-letters/0/99999999999999999999/discard", AUTHORIZATION, OPERATOR))),
                // --- what Tomcat or the firewall refuses
                row(
                        "header of 10 KiB",
                        400,
                        test -> RawHttp.Response.of(
                                test.get("/customers/c1/notifications", AUTHORIZATION, STAFF, "X-Padding", KIB_10))),
                row("URI of 10 KiB", 400, asStaff("/customers/c1/notifications?padding=" + KIB_10)),
                row("encoded slash in customerId", 400, asStaff("/customers/a%2Fb/notifications")),
                row("path parameter (;)", 400, asStaff("/customers/c1;x=y/notifications")),
                row("encoded dot segments", 400, asStaff("/customers/%2e%2e/ops/consumer-lag")),
                row("raw { in the request line", 400, raw("GET /customers/{id}/notifications HTTP/1.1\r\nHost: x\r\n")),
                row(
                        "header line without a colon",
                        400,
                        raw("GET /ops/dead-letters HTTP/1.1\r\nHost: x\r\nNo colon\r\n")),
                row("no Host header", 400, raw("GET /customers/c1/notifications HTTP/1.1\r\n")),
                row("TRACE", 405, raw("TRACE /customers/c1/notifications HTTP/1.1\r\nHost: localhost\r\n")));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("hostileInputs")
    void answersWithAProblemAndWritesNothing(String input, int status, Call call) {
        Map<String, Long> before = rowCounts();

        RawHttp.Response response = call.send(this);

        assertProblem(response, status);
        assertThat(rowCounts()).isEqualTo(before);
    }

    /** A request of the table. */
    @FunctionalInterface
    interface Call {
        RawHttp.Response send(HostileInputIntegrationTests test);
    }

    private Map<String, Long> rowCounts() {
        return TABLES.stream().collect(Collectors.toMap(table -> table, this::count));
    }

    private static Arguments row(String input, int status, Call call) {
        return Arguments.of(input, status, call);
    }

    private static Call asStaff(String path) {
        return test -> RawHttp.Response.of(test.get(path, AUTHORIZATION, STAFF));
    }

    private static Call asOperator(String path) {
        return test -> RawHttp.Response.of(test.get(path, AUTHORIZATION, OPERATOR));
    }

    /** The request line and headers as given, with the staff token and {@code Connection: close}. */
    private static Call raw(String head) {
        return test -> RawHttp.send(test.port, head + AUTHORIZATION + ": " + STAFF + "\r\nConnection: close\r\n\r\n");
    }
}
