package dev.ordersystem.orders.web;

import static dev.ordersystem.orders.support.TestCaller.ANONYMOUS;
import static dev.ordersystem.orders.support.TestCaller.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersystem.orders.support.OrderApiTestSupport;
import dev.ordersystem.orders.support.TestCaller;
import org.junit.jupiter.api.Test;

class OperationsEndpointsIntegrationTests extends OrderApiTestSupport {

    @Test
    void servesOpenApiDocumentWithTheOrderOperations() {
        var response = as(ANONYMOUS).get("/v3/api-docs");

        assertThat(response.statusCode()).isEqualTo(200);
        var paths = json(response).get("paths");
        assertThat(paths.has("/orders")).isTrue();
        assertThat(paths.has("/orders/{id}/cancel")).isTrue();
    }

    @Test
    void documentsBearerTokensAndTheLoginAtTheIssuer() {
        var schemes = json(as(ANONYMOUS).get("/v3/api-docs")).get("components").get("securitySchemes");

        assertThat(schemes.get("bearer").get("scheme").asString()).isEqualTo("bearer");
        assertThat(schemes.get("login").get("type").asString()).isEqualTo("openIdConnect");
        assertThat(schemes.get("login").get("openIdConnectUrl").asString())
                .isEqualTo(TestCaller.server().issuer() + "/.well-known/openid-configuration");
    }

    @Test
    void swaggerUiLogsInAsItsPublicClientWithPkce() {
        var config = json(as(ANONYMOUS).get("/v3/api-docs/swagger-config"));

        assertThat(config.get("oauth2RedirectUrl").asString()).endsWith("/swagger-ui/oauth2-redirect.html");
        assertThat(as(ANONYMOUS).get("/swagger-ui/swagger-initializer.js").body())
                .contains("\"clientId\":\"swagger-ui\"")
                .contains("\"usePkceWithAuthorizationCodeGrant\":true");
    }

    @Test
    void reportsHealthUpWithTheDatabase() {
        var health = json(as(OPERATOR).get("/actuator/health"));

        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("components").get("db").get("status").asString()).isEqualTo("UP");
    }

    @Test
    void exposesPrometheusMetricsAndInfo() {
        placeOrder(uniqueCustomer());

        var metrics = as(OPERATOR).get("/actuator/prometheus");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("http_server_requests_seconds_count")
                .contains("hikaricp_connections");
        assertThat(as(OPERATOR).get("/actuator/info").statusCode()).isEqualTo(200);
    }
}
