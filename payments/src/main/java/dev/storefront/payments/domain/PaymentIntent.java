package dev.storefront.payments.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A payment intent: one per order.
 *
 * @param paymentId id of this intent
 * @param orderId the order, the key of the intent
 * @param status AUTHORIZED or DECLINED
 * @param amountCents amount in minor units of {@code currency}
 * @param currency ISO 4217 code
 * @param createdAt when the intent was first recorded
 */
public record PaymentIntent(UUID paymentId, UUID orderId, PaymentStatus status, long amountCents, String currency,
                            Instant createdAt) {

    /** True if this intent is for the same amount and currency. */
    public boolean sameAmount(long otherAmountCents, String otherCurrency) {
        return amountCents == otherAmountCents && currency.equals(otherCurrency);
    }
}
