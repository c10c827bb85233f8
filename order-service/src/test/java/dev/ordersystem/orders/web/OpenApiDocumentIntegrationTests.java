package dev.ordersystem.orders.web;

import static dev.ordersystem.orders.support.TestCaller.ANONYMOUS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersystem.localstack.openapi.CommittedApiDocument;
import dev.ordersystem.orders.support.ApiClient;
import dev.ordersystem.orders.support.OrderApiTestSupport;
import dev.ordersystem.orders.support.TestCaller;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The committed OpenAPI document is the one the service serves: an API change shows up in review as a change of {@code
 * src/main/openapi/order-service.openapi.json}. Regenerate it with {@code ./mvnw -pl order-service -am test
 * -Dtest=OpenApiDocumentIntegrationTests -Dsurefire.failIfNoSpecifiedTests=false -Dopenapi.update=true}.
 */
class OpenApiDocumentIntegrationTests extends OrderApiTestSupport {

    /** The issuer of the demo, which the committed document names instead of the tests' issuer. */
    private static final String DEMO_ISSUER = "http://localhost:9000";

    @Test
    void servesTheCommittedDocument() {
        var served = as(ANONYMOUS).get("/v3/api-docs");

        assertThat(served.statusCode()).isEqualTo(200);
        CommittedApiDocument.assertServedMatches(
                served.body(),
                ApiClient.OPENAPI_DOCUMENT,
                Map.of(TestCaller.server().issuer().toString().replaceAll("/+$", ""), DEMO_ISSUER));
    }
}
