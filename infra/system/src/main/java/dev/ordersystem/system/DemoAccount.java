package dev.ordersystem.system;

import dev.ordersystem.identity.client.TokenClient;
import dev.ordersystem.identity.client.TokenClient.AccessToken;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The demo's principals at the authorization server of {@code infra/identity} (its bundled {@code identity.yaml}): who
 * they are, how each gets a token, and the arguments of the token command ({@code ./demo token ...}) that prints one.
 * Users log in (authorization code with PKCE, through the public client {@value #CLI_CLIENT}); machine clients use
 * the client credentials grant with their scope.
 */
public enum DemoAccount {
    ADA("customer ada", "ada", "ada-password", null),
    GRACE("customer grace", "grace", "grace-password", null),
    LINUS("customer linus", "linus", "linus-password", null),
    STAFF("staff (sam)", "sam", "sam-password", null),
    OPERATOR("operator (olga)", "olga", "olga-password", null),
    VIEWER("viewer (victor)", "victor", "victor-password", null),
    PAYMENT("payment client", "payment-service", "payment-service-secret", "orders.pay"),
    WAREHOUSE("warehouse client", "warehouse", "warehouse-secret", "orders.ship");

    /** The public client that user logins go through (the token command's default). */
    public static final String CLI_CLIENT = "order-cli";

    private final String role;
    private final String name;
    private final String secret;
    private final @Nullable String clientScope;

    DemoAccount(String role, String name, String secret, @Nullable String clientScope) {
        this.role = role;
        this.name = name;
        this.secret = secret;
        this.clientScope = clientScope;
    }

    /** Who this is, for a listing: {@code customer ada}, {@code payment client}. */
    public String role() {
        return role;
    }

    /** The username (a customer's is the customer id, the token's {@code sub}) or the client id. */
    public String username() {
        return name;
    }

    /** The arguments of the token command for this account. */
    public List<String> tokenArguments() {
        return clientScope == null
                ? List.of("--user", name, "--password", secret)
                : List.of("--client", name, "--secret", secret, "--scope", clientScope);
    }

    /** A new access token from the authorization server of {@code tokens}. */
    public AccessToken fetch(TokenClient tokens) {
        return clientScope == null
                ? tokens.login(CLI_CLIENT, name, secret, "openid", "profile", "email")
                : tokens.clientCredentials(name, secret, clientScope);
    }
}
