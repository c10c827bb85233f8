package dev.ordersystem.orders.idempotency;

/** An {@code Idempotency-Key} was sent again with a different request body. */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException(String key) {
        super("Idempotency-Key '" + key + "' was already used with a different request body");
    }
}
