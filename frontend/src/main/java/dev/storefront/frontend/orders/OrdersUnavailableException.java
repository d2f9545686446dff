package dev.storefront.frontend.orders;

import io.micronaut.core.annotation.Nullable;

import java.util.Optional;

/**
 * Orders failed (5xx), refused or dropped the connection, or did not answer within the read
 * timeout. For a checkout, orders may have stored the order before it failed: the exception then
 * carries the checkout's Idempotency-Key, so the client can retry without placing a second order.
 */
public final class OrdersUnavailableException extends RuntimeException {

    private final String idempotencyKey;

    OrdersUnavailableException(Throwable cause, @Nullable String idempotencyKey) {
        super("orders unavailable: " + cause.getMessage(), cause);
        this.idempotencyKey = idempotencyKey;
    }

    /** The key of the checkout that failed; empty for a read. */
    public Optional<String> idempotencyKey() {
        return Optional.ofNullable(idempotencyKey);
    }
}
