package dev.ordersystem.orders.relay;

import org.jspecify.annotations.Nullable;

/**
 * A failure of the relay that ends the engine run. Deliberately not a Kafka Connect {@code RetriableException}: the
 * engine must not skip the failed batch and poll on, it must stop so that the batch is read again after the restart.
 */
class RelayException extends RuntimeException {

    RelayException(String message) {
        super(message);
    }

    RelayException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
