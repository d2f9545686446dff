package dev.storefront.orders.domain;

/**
 * One priced line of an order.
 *
 * @param sku the product
 * @param quantity units, 1 to 100
 * @param unitPriceCents catalog price of one unit when the order was placed, in minor units
 */
public record OrderLine(String sku, int quantity, long unitPriceCents) {
}
