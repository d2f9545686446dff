package dev.storefront.orders.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order as stored.
 *
 * @param id order id
 * @param status lifecycle state
 * @param customerEmail customer's e-mail address
 * @param lines priced lines, in request order
 * @param totalCents sum of quantity × unit price, in minor units of {@code currency}
 * @param currency ISO 4217 code
 * @param paymentId payments' id for the payment intent; null while PENDING
 * @param createdAt when the order was stored
 */
public record Order(
        UUID id,
        OrderStatus status,
        String customerEmail,
        List<OrderLine> lines,
        long totalCents,
        String currency,
        @Nullable String paymentId,
        Instant createdAt) {

    /** This order with the payment outcome applied. */
    public Order withOutcome(OrderStatus newStatus, @Nullable String newPaymentId) {
        return new Order(id, newStatus, customerEmail, lines, totalCents, currency, newPaymentId, createdAt);
    }
}
