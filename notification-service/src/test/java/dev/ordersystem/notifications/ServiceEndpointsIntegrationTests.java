package dev.ordersystem.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersystem.notifications.support.IntegrationTestSupport;
import dev.ordersystem.notifications.support.Tokens;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;

class ServiceEndpointsIntegrationTests extends IntegrationTestSupport {

    @Autowired
    private HealthEndpointGroups healthGroups;

    @Test
    void healthIsUpWithKafkaAndMailComponents() {
        var response = get("/actuator/health", "Authorization", OPERATOR);

        assertThat(response.statusCode()).isEqualTo(200);
        var health = json(response);
        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.at("/components/kafka/status").asString()).isEqualTo("UP");
        assertThat(health.at("/components/kafka/details/brokers").asInt()).isEqualTo(1);
        assertThat(health.at("/components/kafka/details/listeners/order-events").asString())
                .isEqualTo("running");
        assertThat(health.at("/components/mail/status").asString()).isEqualTo("UP");
        assertThat(health.at("/components/db/status").asString()).isEqualTo("UP");
        assertThat(health.at("/components/consumer/status").asString()).isEqualTo("UP");
    }

    @Test
    void readinessNeedsOnlyTheDatabaseWhileMailKafkaAndTheConsumerStaySeparateComponents() {
        HealthEndpointGroup readiness = healthGroups.get("readiness");
        var liveness = get("/actuator/health/liveness");

        assertThat(List.of("db", "readinessState", "mail", "kafka", "consumer").stream()
                        .filter(readiness::isMember))
                .containsExactlyInAnyOrder("db", "readinessState");
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(json(liveness).get("status").asString()).isEqualTo("UP");
    }

    @Test
    void probesSayOnlyUpOrDownWithoutCredentials() {
        for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
            var response = get(probe);

            assertThat(response.statusCode()).as(probe).isEqualTo(200);
            assertThat(json(response).propertyNames()).as(probe).containsExactly("status");
        }
    }

    @Test
    void servesInfoAndPrometheusToViewersAndOpenApiWithoutCredentials() {
        assertThat(json(get("/actuator/info", "Authorization", VIEWER))
                        .get("service")
                        .asString())
                .isEqualTo("notification-service");

        var prometheus = get("/actuator/prometheus", "Authorization", VIEWER);
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("notifications_consumer_group_lag");

        var openApi = get("/v3/api-docs");
        assertThat(openApi.statusCode()).isEqualTo(200);
        assertThat(json(openApi).get("paths").propertyNames())
                .contains(
                        "/customers/{customerId}/notifications",
                        "/customers/{customerId}/notifications/stream",
                        "/notifications/{id}",
                        "/ops/consumer-lag",
                        "/ops/dead-letters",
                        "/ops/dead-letters/{partition}/{offset}/redrive",
                        "/ops/dead-letters/{partition}/{offset}/discard",
                        "/ops/dead-letters/redrive");
        assertThat(json(openApi).at("/components/securitySchemes/bearer/scheme").asString())
                .isEqualTo("bearer");
        assertThat(json(openApi)
                        .at("/components/securitySchemes/oidc/openIdConnectUrl")
                        .asString())
                .isEqualTo(Tokens.server().issuer() + "/.well-known/openid-configuration");
    }
}
