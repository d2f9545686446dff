package dev.storefront.orders;

import io.micronaut.serde.annotation.Serdeable;

/**
 * One entry of {@code GET /products} as a client reads it (docs/api.md, "orders (internal)").
 *
 * @param sku the product
 * @param name display name
 * @param description one-line description
 * @param unitPriceCents price of one unit in minor units of {@code currency}
 * @param currency ISO 4217 code
 */
@Serdeable
record Product(String sku, String name, String description, long unitPriceCents, String currency) {
}
