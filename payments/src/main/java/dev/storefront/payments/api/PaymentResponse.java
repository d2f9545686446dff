package dev.storefront.payments.api;

import dev.storefront.payments.domain.PaymentIntent;
import dev.storefront.payments.domain.PaymentStatus;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.UUID;

/**
 * A payment intent as the API shows it.
 *
 * @param paymentId id of the intent
 * @param orderId the order
 * @param status AUTHORIZED or DECLINED
 * @param amountCents amount in minor units of {@code currency}
 * @param currency ISO 4217 code
 * @param createdAt when the intent was first recorded (ISO 8601, UTC)
 */
@Serdeable
public record PaymentResponse(UUID paymentId, UUID orderId, PaymentStatus status, long amountCents, String currency,
                              Instant createdAt) {

    static PaymentResponse from(PaymentIntent intent) {
        return new PaymentResponse(intent.paymentId(), intent.orderId(), intent.status(), intent.amountCents(),
                intent.currency(), intent.createdAt());
    }
}
