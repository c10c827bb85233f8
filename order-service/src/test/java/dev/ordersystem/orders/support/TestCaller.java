package dev.ordersystem.orders.support;

import dev.ordersystem.identity.IdentityServer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The callers of the security model, each with a real access token of the tests' authorization server ({@link
 * #server()}): customers log in with authorization code + PKCE, machine clients use client credentials. Tokens are
 * fetched once per JVM (the server issues them for two hours).
 */
public enum TestCaller {
    ANONYMOUS(null),
    /** Customer A. */
    ADA(identity -> identity.customerToken("ada")),
    /** Customer B. */
    GRACE(identity -> identity.customerToken("grace")),
    PAYMENT(IdentityServer::paymentToken),
    WAREHOUSE(IdentityServer::warehouseToken),
    STAFF(IdentityServer::staffToken),
    OPERATOR(IdentityServer::operatorToken),
    VIEWER(IdentityServer::viewerToken);

    private static @Nullable IdentityServer server;
    private static final Map<TestCaller, String> TOKENS = new ConcurrentHashMap<>();

    private final @Nullable Function<IdentityServer, String> login;

    TestCaller(@Nullable Function<IdentityServer, String> login) {
        this.login = login;
    }

    /** The access token, or {@code null} for {@link #ANONYMOUS}. */
    public @Nullable String token() {
        if (login == null) {
            return null;
        }
        return TOKENS.computeIfAbsent(this, caller -> login.apply(server()));
    }

    /**
     * The authorization server of this JVM's tests, started on first use (the JVM's shutdown stops it): the issuer the
     * service under test trusts.
     */
    public static synchronized IdentityServer server() {
        if (server == null) {
            server = IdentityServer.start(Map.of("identity.access-token-lifetime", "PT2H"));
        }
        return server;
    }
}
