package dev.ordersystem.notifications.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersystem.localstack.openapi.CommittedApiDocument;
import dev.ordersystem.notifications.support.IntegrationTestSupport;
import dev.ordersystem.notifications.support.Tokens;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The committed OpenAPI document is the one the service serves: an API change shows up in review as a change of {@code
 * src/main/openapi/notification-service.openapi.json}. Regenerate it with {@code ./mvnw -pl notification-service -am
 * test -Dtest=OpenApiDocumentIntegrationTests -Dsurefire.failIfNoSpecifiedTests=false -Dopenapi.update=true}.
 */
class OpenApiDocumentIntegrationTests extends IntegrationTestSupport {

    /** The issuer of the demo, which the committed document names instead of the tests' issuer. */
    private static final String DEMO_ISSUER = "http://localhost:9000";

    @Test
    void servesTheCommittedDocument() {
        var served = get("/v3/api-docs");

        assertThat(served.statusCode()).isEqualTo(200);
        CommittedApiDocument.assertServedMatches(
                served.body(),
                OPENAPI_DOCUMENT,
                Map.of(Tokens.server().issuer().toString().replaceAll("/+$", ""), DEMO_ISSUER));
    }
}
