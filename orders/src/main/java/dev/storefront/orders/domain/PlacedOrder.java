package dev.storefront.orders.domain;

/**
 * The answer to placing an order.
 *
 * @param order the order as stored now
 * @param replayed true when an earlier request with the same Idempotency-Key created it and
 *     nothing was written this time
 */
public record PlacedOrder(Order order, boolean replayed) {
}
