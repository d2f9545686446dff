package dev.storefront.orders.domain;

import dev.storefront.common.problem.DomainException;
import io.micronaut.http.HttpStatus;

import java.time.Duration;
import java.util.Map;

/**
 * The first request with this Idempotency-Key, or a settlement attempt of its order, is still
 * running: 409 with {@code Retry-After} (draft-ietf-httpapi-idempotency-key-header §2.7; RFC 9110
 * §10.2.3), the seconds until its claim ends at the latest.
 */
public final class IdempotencyKeyInFlightException extends DomainException {

    private final long retryAfterSeconds;

    /** @param remaining how long the running attempt may still hold the order */
    public IdempotencyKeyInFlightException(Duration remaining) {
        super(HttpStatus.CONFLICT, "idempotency-key-in-flight", "Request in progress",
                "A request with this Idempotency-Key is still being processed; retry with the same key after "
                        + "the Retry-After seconds.");
        this.retryAfterSeconds = Math.max(1, (remaining.toMillis() + 999) / 1000);
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", Long.toString(retryAfterSeconds));
    }
}
