package dev.storefront.orders.domain;

import dev.storefront.common.problem.DomainException;
import io.micronaut.http.HttpStatus;

/**
 * An Idempotency-Key that already created an order came with a different body: 422, nothing
 * written (draft-ietf-httpapi-idempotency-key-header §2.7).
 */
public final class IdempotencyKeyReusedException extends DomainException {

    public IdempotencyKeyReusedException() {
        super(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused", "Idempotency-Key reused",
                "This Idempotency-Key was already used for a different request; use a new key for a new order.");
    }
}
