package dev.ordersystem.web;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * A {@link JwtDecoder} that remembers the access tokens it has validated until they expire, so that a client which
 * sends the same token with every request (as OAuth2 clients do for the token's lifetime) pays for the signature
 * check, the claim conversion and the validators once instead of per request: JWT decoding was the largest single
 * cost of a placed order in the order service's CPU profile (ADR 9).
 *
 * <p>The first use of a token goes to the decoder it wraps; only a token that passed, and has an expiry, is kept, keyed
 * by its whole compact form (header, claims and signature: a token that differs in any byte is decoded anew). A
 * remembered token is answered only while the clock is before its {@code exp}, with no clock-skew allowance; after
 * that it is decoded again and fails there. Invalid tokens are never kept. At most {@code capacity} tokens are kept:
 * when full, the expired ones are dropped, and if none had expired, all of them.
 */
public final class ValidatedTokens implements JwtDecoder {

    /** How many tokens each service keeps by default: a few MiB. */
    public static final int DEFAULT_CAPACITY = 4_096;

    private final JwtDecoder decoder;
    private final Clock clock;
    private final int capacity;
    private final ConcurrentHashMap<String, Jwt> validated = new ConcurrentHashMap<>();

    public ValidatedTokens(JwtDecoder decoder, Clock clock, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.decoder = decoder;
        this.clock = clock;
        this.capacity = capacity;
    }

    /**
     * Wraps every {@link JwtDecoder} bean of the context (Spring Boot's resource-server decoder) in a {@code
     * ValidatedTokens} of {@link #DEFAULT_CAPACITY}. Declare it as a {@code static} {@code @Bean}.
     */
    public static BeanPostProcessor wrapDecoders() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof JwtDecoder decoder && !(bean instanceof ValidatedTokens)
                        ? new ValidatedTokens(decoder, Clock.systemUTC(), DEFAULT_CAPACITY)
                        : bean;
            }
        };
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Instant now = clock.instant();
        Jwt known = validated.get(token);
        if (known != null) {
            if (unexpired(known, now)) {
                return known;
            }
            validated.remove(token, known);
        }
        Jwt jwt = decoder.decode(token);
        if (jwt.getExpiresAt() != null) {
            if (validated.size() >= capacity) {
                validated.values().removeIf(kept -> !unexpired(kept, now));
                if (validated.size() >= capacity) {
                    validated.clear();
                }
            }
            validated.put(token, jwt);
        }
        return jwt;
    }

    /** How many tokens are remembered now. */
    int size() {
        return validated.size();
    }

    private static boolean unexpired(Jwt jwt, Instant now) {
        Instant expiresAt = jwt.getExpiresAt();
        return expiresAt != null && now.isBefore(expiresAt);
    }
}
