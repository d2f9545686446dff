package dev.storefront.payments.domain;

/** The answer to a payment intent. */
public enum PaymentStatus {
    /** The amount is authorized. */
    AUTHORIZED,
    /** The amount is declined (above PAYMENTS_DECLINE_ABOVE_CENTS). */
    DECLINED
}
