package dev.storefront.orders.domain;

/** Lifecycle of an order. */
public enum OrderStatus {
    /** Stored; the payment is not confirmed (payments was unreachable or too slow). */
    PENDING,
    /** Payments authorized the amount. */
    PAID,
    /** Payments declined the amount. */
    DECLINED
}
