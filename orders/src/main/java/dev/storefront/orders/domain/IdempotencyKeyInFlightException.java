package dev.storefront.orders.domain;

import dev.storefront.common.problem.DomainException;
import io.micronaut.http.HttpStatus;

/**
 * The first request with this Idempotency-Key is still being processed: 409, retry later
 * (draft-ietf-httpapi-idempotency-key-header §2.7).
 */
public final class IdempotencyKeyInFlightException extends DomainException {

    public IdempotencyKeyInFlightException() {
        super(HttpStatus.CONFLICT, "idempotency-key-in-flight", "Request in progress",
                "A request with this Idempotency-Key is still being processed; retry in a few seconds.");
    }
}
