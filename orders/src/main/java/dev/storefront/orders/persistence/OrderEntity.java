package dev.storefront.orders.persistence;

import dev.storefront.orders.domain.OrderStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code orders}.
 *
 * @param id order id
 * @param idempotencyKey the client's Idempotency-Key, unique; null when none was sent
 * @param requestHash SHA-256 (hex) of the canonical request that created the order
 * @param customerEmail customer's e-mail address
 * @param status lifecycle state
 * @param totalCents order total in minor units of {@code currency}
 * @param currency ISO 4217 code
 * @param paymentId payments' id for the payment intent; null while PENDING
 * @param createdAt when the order was stored
 * @param updatedAt when the status last changed
 * @param inFlightUntil while set and in the future, someone is driving the payment (the creating
 *     request, a replay, or a reconciler): nobody else may until then
 * @param paymentAttempts {@code PUT /payments/{orderId}} calls made for the order, from 1
 * @param nextAttemptAt backoff: the reconciler leaves the order alone until then; null if not
 *     backing off
 * @param reviewReason set when payments refused the payment for good (409): the order stays
 *     PENDING for a person to review and is never retried
 */
@MappedEntity("orders")
public record OrderEntity(
        @Id UUID id,
        @Nullable String idempotencyKey,
        String requestHash,
        String customerEmail,
        OrderStatus status,
        long totalCents,
        String currency,
        @Nullable String paymentId,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant inFlightUntil,
        int paymentAttempts,
        @Nullable Instant nextAttemptAt,
        @Nullable String reviewReason) {
}
