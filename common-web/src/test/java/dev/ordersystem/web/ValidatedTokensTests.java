package dev.ordersystem.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

class ValidatedTokensTests {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    private Instant now = NOW;
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    /** The decoder behind: tokens "valid-<seconds to expiry>", "no-exp", anything else invalid; counts its calls. */
    private final List<String> decoded = new ArrayList<>();

    private final JwtDecoder decoder = token -> {
        decoded.add(token);
        if (token.equals("no-exp")) {
            return jwt(token, null);
        }
        if (!token.startsWith("valid-")) {
            throw new BadJwtException("malformed: " + token);
        }
        Instant expiresAt = NOW.plusSeconds(Long.parseLong(token.substring("valid-".length())));
        if (!now.isBefore(expiresAt.plusSeconds(60))) { // Spring's default clock skew
            throw new JwtValidationException("expired", List.of(new OAuth2Error("invalid_token")));
        }
        return jwt(token, expiresAt);
    };

    private final ValidatedTokens tokens = new ValidatedTokens(decoder, clock, 3);

    @Test
    void aValidTokenIsDecodedOnceAndAnsweredFromMemoryUntilItExpires() {
        Jwt first = tokens.decode("valid-900");
        Jwt second = tokens.decode("valid-900");

        assertThat(second).isSameAs(first);
        assertThat(decoded).containsExactly("valid-900");

        now = NOW.plusSeconds(899);
        assertThat(tokens.decode("valid-900")).isSameAs(first);
        assertThat(decoded).hasSize(1);
    }

    @Test
    void anExpiredTokenGoesBackToTheDecoderWithoutSkewAndFailsThere() {
        tokens.decode("valid-900");

        now = NOW.plusSeconds(900); // at exp: no longer answered from memory, though the decoder's skew still passes it
        tokens.decode("valid-900");
        assertThat(decoded).containsExactly("valid-900", "valid-900");

        now = NOW.plusSeconds(961);
        assertThatThrownBy(() -> tokens.decode("valid-900")).isInstanceOf(JwtValidationException.class);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void invalidTokensAndTokensWithoutExpiryAreNeverRemembered() {
        assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);
        tokens.decode("no-exp");
        tokens.decode("no-exp");

        assertThat(decoded).containsExactly("forged", "forged", "no-exp", "no-exp");
        assertThat(tokens.size()).isZero();
    }

    @Test
    void whenFullTheExpiredTokensAreDroppedAndIfNoneHadExpiredAllOfThem() {
        tokens.decode("valid-10");
        tokens.decode("valid-20");
        tokens.decode("valid-900");
        now = NOW.plusSeconds(15);

        tokens.decode("valid-901"); // full: valid-10 has expired and goes
        assertThat(tokens.size()).isEqualTo(3);
        tokens.decode("valid-20");
        tokens.decode("valid-900");
        assertThat(decoded).containsExactly("valid-10", "valid-20", "valid-900", "valid-901");

        tokens.decode("valid-902"); // full, none expired: all go
        assertThat(tokens.size()).isEqualTo(1);
        tokens.decode("valid-900");
        assertThat(decoded).endsWith("valid-902", "valid-900");
    }

    @Test
    void theBeanPostProcessorWrapsDecodersAndNothingElse() {
        var processor = ValidatedTokens.wrapDecoders();

        assertThat(processor.postProcessAfterInitialization(decoder, "jwtDecoder"))
                .isInstanceOf(ValidatedTokens.class);
        assertThat(processor.postProcessAfterInitialization(tokens, "jwtDecoder"))
                .isSameAs(tokens);
        assertThat(processor.postProcessAfterInitialization("other", "other")).isEqualTo("other");
    }

    private static Jwt jwt(String token, @Nullable Instant expiresAt) {
        return new Jwt(
                token,
                NOW.minus(Duration.ofMinutes(1)),
                expiresAt,
                java.util.Map.of("alg", "RS256"),
                java.util.Map.of("sub", "ada"));
    }
}
