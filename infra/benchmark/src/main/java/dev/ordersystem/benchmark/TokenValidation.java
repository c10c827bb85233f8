package dev.ordersystem.benchmark;

import java.net.URI;
import java.time.Duration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;

/**
 * What authenticating a request costs: the JWT decoder a service builds for its {@code issuer-uri} (Spring Security's
 * {@link JwtDecoders#fromIssuerLocation}: RS256 signature with the issuer's key from its JWKS, {@code iss}, {@code
 * exp}/{@code nbf}), validating one real access token of the benchmark's caller over and over on one thread of this
 * JVM, after a warm-up. The services validate every request's token this way (decoded tokens are not cached).
 */
record TokenValidation(URI issuer, String token, Duration warmup, Duration duration)
        implements Phase<TokenValidation.Result> {

    /**
     * @param tokens validations in the measurement window
     * @param microsPerToken the time one validation takes, µs
     */
    record Result(long tokens, double microsPerToken) {}

    @Override
    public String name() {
        return "token validation (JWT decoder of the services, 1 thread)";
    }

    @Override
    public Result run() {
        JwtDecoder decoder = JwtDecoders.fromIssuerLocation(issuer.toString());
        validate(decoder, warmup);
        long started = System.nanoTime();
        long tokens = validate(decoder, duration);
        return new Result(tokens, (System.nanoTime() - started) / 1000.0 / tokens);
    }

    /** Validates the token back to back for at least {@code duration} (at least once); returns how often. */
    private long validate(JwtDecoder decoder, Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        long count = 0;
        do {
            decoder.decode(token);
            count++;
        } while (System.nanoTime() < end);
        return count;
    }
}
