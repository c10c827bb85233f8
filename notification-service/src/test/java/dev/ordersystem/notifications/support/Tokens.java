package dev.ordersystem.notifications.support;

import dev.ordersystem.identity.IdentityServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The authorization server of the test JVM (infra/identity's {@link IdentityServer}, on a free port, started on first
 * use and closed by the JVM's shutdown) and real access tokens from it: logins of the demo users, client credentials
 * of the demo clients (each fetched once: they live two hours, longer than a test run), and tokens it signs with its
 * real key for customers that only the tests know.
 */
public final class Tokens {

    private static final Duration LIFETIME = Duration.ofHours(2);
    private static final Map<String, String> issued = new ConcurrentHashMap<>();
    private static @Nullable IdentityServer server;

    private Tokens() {}

    public static synchronized IdentityServer server() {
        if (server == null) {
            server = IdentityServer.start(Map.of("identity.access-token-lifetime", LIFETIME.toString()));
        }
        return server;
    }

    /** A demo customer's token ({@code ada}, {@code grace}, {@code linus}), from a real login. */
    public static String customer(String username) {
        return issued.computeIfAbsent("user:" + username, key -> server().customerToken(username));
    }

    /** Staff {@code sam}. */
    public static String staff() {
        return issued.computeIfAbsent("staff", key -> server().staffToken());
    }

    /** Operator {@code olga} (roles operator and viewer). */
    public static String operator() {
        return issued.computeIfAbsent("operator", key -> server().operatorToken());
    }

    /** Viewer {@code victor}. */
    public static String viewer() {
        return issued.computeIfAbsent("viewer", key -> server().viewerToken());
    }

    /** The machine client {@code payment-service} (scope orders.pay). */
    public static String payment() {
        return issued.computeIfAbsent("payment", key -> server().paymentToken());
    }

    /** The machine client {@code warehouse} (scope orders.ship). */
    public static String warehouse() {
        return issued.computeIfAbsent("warehouse", key -> server().warehouseToken());
    }

    /**
     * A customer token as the server issues them ({@code sub}, {@code email}, {@code roles: [customer]}), signed with
     * its key, for a customer id that only a test knows.
     */
    public static String signedCustomer(String customerId) {
        Instant now = Instant.now();
        return server().sign(
                        Map.of("sub", customerId, "email", TestEvents.email(customerId), "roles", List.of("customer")),
                        now,
                        now.plus(LIFETIME));
    }
}
