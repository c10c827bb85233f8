package dev.ordersystem.orders.web;

import static dev.ordersystem.orders.support.TestCaller.ANONYMOUS;
import static dev.ordersystem.orders.support.TestCaller.PAYMENT;
import static dev.ordersystem.orders.support.TestCaller.STAFF;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersystem.orders.support.OrderApiTestSupport;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Each kind of failure answers with its own problem type and title, whichever feature's handler produces it: the
 * contract clients switch on.
 */
class ProblemTypesIntegrationTests extends OrderApiTestSupport {

    @Test
    void answersInvalidParametersWithInvalidRequestAndTheFields() {
        var response = as(STAFF).get("/orders?size=0");

        assertProblem(response, 400, "invalid-request", "Invalid request");
        assertThat(json(response).get("errors").get(0).get("field").asString()).isEqualTo("size");
    }

    @Test
    void answersAMalformedPathVariableWithInvalidRequest() {
        var response = as(STAFF).get("/orders/not-a-uuid");

        assertProblem(response, 400, "invalid-request", "Invalid request");
        assertThat(json(response).get("errors").get(0).get("message").asString())
                .isEqualTo("invalid value 'not-a-uuid' (expected a UUID)");
    }

    @Test
    void answersAnUnreadableBodyWithMalformedBody() {
        var response = as(STAFF).postJson("/orders", "{\"customerId\": ");

        assertProblem(response, 400, "malformed-body", "Malformed request body");
        assertThat(json(response).get("detail").asString()).isEqualTo("The body is not valid JSON");
    }

    @Test
    void answersAnUnknownOrderWithOrderNotFound() {
        assertProblem(as(STAFF).get("/orders/" + UUID.randomUUID()), 404, "order-not-found", "Order not found");
    }

    @Test
    void answersAnIllegalTransitionWithTheOrdersStatus() {
        UUID id = placeOrder(uniqueCustomer());

        var response = transition(id, "ship");

        assertProblem(response, 409, "illegal-transition", "Illegal state transition");
        assertThat(json(response).get("orderStatus").asString()).isEqualTo("PLACED");
    }

    @Test
    void answersAReusedIdempotencyKeyWithUnprocessableContent() {
        String key = UUID.randomUUID().toString();
        as(STAFF).postJson("/orders", orderJson(uniqueCustomer()), "Idempotency-Key", key);

        var response = as(STAFF).postJson("/orders", orderJson(uniqueCustomer()), "Idempotency-Key", key);

        assertProblem(response, 422, "idempotency-key-reused", "Idempotency-Key reused");
    }

    @Test
    void answersARequestWithoutTokenWithUnauthorized() {
        assertProblem(as(ANONYMOUS).get("/orders"), 401, "unauthorized", "Unauthorized");
    }

    @Test
    void answersACallerWithoutTheRoleWithForbidden() {
        assertProblem(as(PAYMENT).get("/orders"), 403, "forbidden", "Forbidden");
    }

    @Test
    void answersATooLargeBodyWithRequestTooLarge() {
        var response = as(STAFF).postJson("/orders", " ".repeat(64 * 1024 + 1));

        assertProblem(response, 413, "request-too-large", "Request body too large");
        assertThat(json(response).get("detail").asString())
                .isEqualTo("The request body must not be larger than 65536 bytes");
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type, String title) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        var body = json(response);
        assertThat(body.get("type").asString()).isEqualTo("urn:ordersystem:problem:" + type);
        assertThat(body.get("title").asString()).isEqualTo(title);
        assertThat(body.get("status").asInt()).isEqualTo(status);
    }
}
