package dev.ordersystem.orders.idempotency;

import dev.ordersystem.orders.OrdersProperties;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Remembers the first response per caller and {@code Idempotency-Key}: keys are scoped to their owner (the token's
 * {@code sub}), so another caller's identical key starts afresh and never sees the first caller's response. The key is
 * reserved with {@code INSERT ... ON CONFLICT DO NOTHING} in the same transaction as the work, so concurrent requests
 * with one key wait for the first to commit and then replay its response; nothing is done twice. A request counts as the same when its JSON, as parsed (so formatting
 * does not matter), has the same SHA-256; the response is stored as status, {@code Location} and JSON body.
 */
@Component
public class IdempotencyKeys {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeys.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final OrdersProperties.Idempotency settings;
    private final JsonMapper json;

    IdempotencyKeys(JdbcClient jdbc, Clock clock, OrdersProperties properties, JsonMapper json) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = properties.idempotency();
        this.json = json;
    }

    /** What {@link #execute} did: ran the work now, or replayed the response of an earlier request. */
    public record Outcome<T>(ResponseEntity<T> response, boolean replayed) {}

    /**
     * Runs {@code work} once per owner and key: the first request runs it and stores its response; later requests of
     * the owner with the same key and body get that response back (its body read as {@code bodyType}); a later request
     * with another body fails with {@link IdempotencyKeyReusedException}.
     */
    @Transactional
    public <T> Outcome<T> execute(
            String owner, String key, Object request, Class<T> bodyType, Supplier<ResponseEntity<T>> work) {
        String requestHash = hash(request);
        Instant now = clock.instant();
        jdbc.sql("delete from idempotency_keys where owner = :owner and idempotency_key = :key and expires_at <= :now")
                .param("owner", owner)
                .param("key", key)
                .param("now", Timestamp.from(now))
                .update();
        int reserved = jdbc.sql(
                        "insert into idempotency_keys"
                                + " (owner, idempotency_key, request_hash, created_at, expires_at)"
                                + " values (:owner, :key, :hash, :now, :expiresAt) on conflict (owner, idempotency_key) do nothing")
                .param("owner", owner)
                .param("key", key)
                .param("hash", requestHash)
                .param("now", Timestamp.from(now))
                .param("expiresAt", Timestamp.from(now.plus(settings.ttl())))
                .update();
        if (reserved == 1) {
            ResponseEntity<T> response = work.get();
            URI location = response.getHeaders().getLocation();
            jdbc.sql("update idempotency_keys set response_status = :status, response_location = :location,"
                            + " response_body = cast(:body as jsonb) where owner = :owner and idempotency_key = :key")
                    .param("status", response.getStatusCode().value())
                    .param("location", location == null ? null : location.toString())
                    .param("body", json.writeValueAsString(response.getBody()))
                    .param("owner", owner)
                    .param("key", key)
                    .update();
            return new Outcome<>(response, false);
        }
        Stored stored =
                find(owner, key).orElseThrow(() -> new IllegalStateException("idempotency key vanished: " + key));
        if (!stored.requestHash().equals(requestHash)) {
            throw new IdempotencyKeyReusedException(key);
        }
        log.info("Replaying the response stored for Idempotency-Key {} of {}", key, owner);
        var replayed = ResponseEntity.status(stored.status());
        if (stored.location() != null) {
            replayed.location(URI.create(stored.location()));
        }
        return new Outcome<>(replayed.body(json.readValue(stored.body(), bodyType)), true);
    }

    private Optional<Stored> find(String owner, String key) {
        return jdbc.sql("select request_hash, response_status, response_location, response_body::text as body"
                        + " from idempotency_keys where owner = :owner and idempotency_key = :key")
                .param("owner", owner)
                .param("key", key)
                .query((rs, row) -> new Stored(
                        rs.getString("request_hash"),
                        rs.getInt("response_status"),
                        rs.getString("response_location"),
                        rs.getString("body")))
                .optional();
    }

    /** A response as it was first sent, and the hash of the request that caused it. */
    private record Stored(
            String requestHash, int status, @Nullable String location, String body) {}

    /** SHA-256 of the request as parsed, so formatting differences do not count as a different body. */
    private String hash(Object request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** Deletes expired keys so the table stays small. */
    @Scheduled(fixedDelayString = "${orders.idempotency.purge-interval:PT10M}")
    public void purgeExpired() {
        int purged = jdbc.sql("delete from idempotency_keys where expires_at <= :now")
                .param("now", Timestamp.from(clock.instant()))
                .update();
        if (purged > 0) {
            log.info("Purged {} expired idempotency keys", purged);
        }
    }
}
