package dev.storefront.payments.domain;

import dev.storefront.common.problem.DomainException;
import io.micronaut.http.HttpStatus;

/** The order already has a payment intent for another amount or currency: 409, nothing written. */
public final class PaymentConflictException extends DomainException {

    /**
     * @param existing the intent already recorded for the order
     */
    public PaymentConflictException(PaymentIntent existing) {
        super(HttpStatus.CONFLICT, "payment-conflict", "Payment conflict",
                "Order " + existing.orderId() + " already has a payment intent of " + existing.amountCents() + " "
                        + existing.currency() + "; an order is charged once.");
    }
}
