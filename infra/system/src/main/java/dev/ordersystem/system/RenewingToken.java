package dev.ordersystem.system;

import dev.ordersystem.identity.client.TokenClient;
import dev.ordersystem.identity.client.TokenClient.AccessToken;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The access token of one {@link DemoAccount}, fetched on first use and again once half of its lifetime has passed, so
 * that a long run (an end-to-end scenario, a benchmark) never sends an expired one. Thread-safe.
 */
public final class RenewingToken implements Supplier<String> {

    private final DemoAccount account;
    private final TokenClient tokens;
    private @Nullable AccessToken current;
    private Instant renewAt = Instant.MIN;

    public RenewingToken(DemoAccount account, TokenClient tokens) {
        this.account = account;
        this.tokens = tokens;
    }

    /** The token's value, renewed first if half of its lifetime has passed. */
    @Override
    public synchronized String get() {
        Instant now = Instant.now();
        if (current == null || !now.isBefore(renewAt)) {
            current = account.fetch(tokens);
            renewAt = now.plus(Duration.between(now, current.expiresAt()).dividedBy(2));
        }
        return current.value();
    }

    @Override
    public String toString() {
        return "RenewingToken[" + account.role() + "]";
    }
}
