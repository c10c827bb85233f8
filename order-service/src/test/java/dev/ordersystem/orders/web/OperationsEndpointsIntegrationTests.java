package dev.ordersystem.orders.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersystem.orders.support.OrderApiTestSupport;
import org.junit.jupiter.api.Test;

class OperationsEndpointsIntegrationTests extends OrderApiTestSupport {

    @Test
    void servesOpenApiDocumentWithTheOrderOperations() {
        var response = get("/v3/api-docs");

        assertThat(response.statusCode()).isEqualTo(200);
        var paths = json(response).get("paths");
        assertThat(paths.has("/orders")).isTrue();
        assertThat(paths.has("/orders/{id}/cancel")).isTrue();
    }

    @Test
    void reportsHealthUpWithTheDatabase() {
        var health = json(get("/actuator/health"));

        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("components").get("db").get("status").asString()).isEqualTo("UP");
    }

    @Test
    void exposesPrometheusMetricsAndInfo() {
        placeOrder(uniqueCustomer());

        var metrics = get("/actuator/prometheus");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("http_server_requests_seconds_count")
                .contains("hikaricp_connections");
        assertThat(get("/actuator/info").statusCode()).isEqualTo(200);
    }
}
