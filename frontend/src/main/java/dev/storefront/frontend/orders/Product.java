package dev.storefront.frontend.orders;

import io.micronaut.serde.annotation.Serdeable;

/**
 * A product for sale, as orders' catalog has it.
 *
 * @param sku stock-keeping unit
 * @param name display name
 * @param description one-line description
 * @param unitPriceCents price of one unit in minor units of {@code currency}
 * @param currency ISO 4217 code
 */
@Serdeable
public record Product(String sku, String name, String description, long unitPriceCents, String currency) {
}
