package dev.storefront.orders.domain;

/**
 * One catalog item.
 *
 * @param sku stock-keeping unit, e.g. {@code SKU-1}
 * @param name display name
 * @param description one-line description
 * @param unitPriceCents price of one unit in minor units of {@code currency}
 * @param currency ISO 4217 code
 * @param active false once discontinued: no longer sold, still referenced by old orders
 */
public record Product(String sku, String name, String description, long unitPriceCents, String currency,
                      boolean active) {
}
