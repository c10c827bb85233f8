package dev.ordersystem.identity.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ordersystem.identity.IdentityServer;
import dev.ordersystem.identity.TestIdentity;
import dev.ordersystem.identity.client.TokenClient.AccessToken;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenClientIntegrationTests {

    private final IdentityServer identity = TestIdentity.server();
    private final TokenClient client = identity.tokenClient();

    @Test
    void logsInWithAuthorizationCodeAndPkceThroughTheLoopbackRedirect() throws Exception {
        AccessToken token = client.login("order-cli", "ada", "ada-password", "openid");

        assertThat(TestIdentity.verify(identity.issuer(), token.value()).getSubject())
                .isEqualTo("ada");
        assertThat(token.expiresAt())
                .isBetween(Instant.now().plusSeconds(800), Instant.now().plusSeconds(901));
        assertThat(token.toString()).doesNotContain(token.value());
    }

    @Test
    void failsQuicklyAndSaysWhyWhenThePasswordIsWrong() {
        assertTimeoutPreemptively(
                Duration.ofSeconds(15),
                () -> assertThatThrownBy(() -> client.login("order-cli", "ada", "grace-password"))
                        .isInstanceOf(TokenRequestException.class)
                        .hasMessage("Login of 'ada' failed: the authorization server did not accept the username or "
                                + "password"));
    }

    @Test
    void reportsTheAuthorizationServersAnswerForAnUnknownClient() {
        assertThatThrownBy(() -> client.login("no-such-client", "ada", "ada-password"))
                .isInstanceOf(TokenRequestException.class)
                .hasMessageContaining("HTTP 400");
    }

    @Test
    void reportsARefusedClientSecret() {
        assertThatThrownBy(() -> client.clientCredentials("payment-service", "wrong-secret", "orders.pay"))
                .isInstanceOf(TokenRequestException.class)
                .hasMessage("The token endpoint refused: HTTP 401 invalid_client");
    }

    @Test
    void refusesAScopeTheClientIsNotRegisteredFor() {
        assertThatThrownBy(() -> client.clientCredentials("warehouse", "warehouse-secret", "orders.pay"))
                .isInstanceOf(TokenRequestException.class)
                .hasMessageContaining("invalid_scope");
    }

    @Test
    void failsWhenNothingAnswersAtTheIssuer() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        TokenClient nowhere = new TokenClient(URI.create("http://127.0.0.1:" + closedPort));

        assertThatThrownBy(() -> nowhere.clientCredentials("payment-service", "payment-service-secret"))
                .isInstanceOf(TokenRequestException.class)
                .hasMessageStartingWith("No answer from http://127.0.0.1:" + closedPort);
    }

    @Test
    void refusesADiscoveryDocumentThatNamesAnotherIssuer() {
        URI sameServerOtherName = URI.create(identity.issuer().toString().replace("localhost", "127.0.0.1"));

        assertThatThrownBy(() -> new TokenClient(sameServerOtherName)
                        .clientCredentials("payment-service", "payment-service-secret"))
                .isInstanceOf(TokenRequestException.class)
                .hasMessageContaining("is for issuer '" + identity.issuer() + "'");
    }

    @Test
    void browserLoginTakesTheCodeThatTheBrowserBringsToTheLoopbackListener() throws Exception {
        AccessToken token = client.browserLogin(
                "order-cli",
                authorize -> Browser.logIn(authorize, "grace", "grace-password"),
                Duration.ofSeconds(30),
                "openid",
                "email");

        assertThat(TestIdentity.verify(identity.issuer(), token.value()).getSubject())
                .isEqualTo("grace");
    }

    @Test
    void browserLoginGivesUpWhenNobodyLogsIn() {
        assertThatThrownBy(() -> client.browserLogin("order-cli", authorize -> {}, Duration.ofMillis(500)))
                .isInstanceOf(TokenRequestException.class)
                .hasMessageStartingWith("No authorization response");
    }
}
