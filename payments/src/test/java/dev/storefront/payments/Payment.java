package dev.storefront.payments;

import io.micronaut.serde.annotation.Serdeable;

/**
 * A payment intent as a client of {@code /payments/{orderId}} reads it (docs/api.md, "payments
 * (internal)").
 *
 * @param paymentId id of the intent
 * @param orderId the order
 * @param status AUTHORIZED or DECLINED
 * @param amountCents amount in minor units of {@code currency}
 * @param currency ISO 4217 code
 * @param createdAt when the intent was first recorded (ISO 8601, UTC), as the service wrote it
 */
@Serdeable
record Payment(String paymentId, String orderId, String status, long amountCents, String currency,
               String createdAt) {
}
