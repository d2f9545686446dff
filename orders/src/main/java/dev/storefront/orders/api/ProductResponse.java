package dev.storefront.orders.api;

import dev.storefront.orders.domain.Product;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A product for sale.
 *
 * @param sku stock-keeping unit
 * @param name display name
 * @param description one-line description
 * @param unitPriceCents price of one unit in minor units of {@code currency}
 * @param currency ISO 4217 code
 */
@Serdeable
public record ProductResponse(String sku, String name, String description, long unitPriceCents, String currency) {

    static ProductResponse from(Product product) {
        return new ProductResponse(product.sku(), product.name(), product.description(), product.unitPriceCents(),
                product.currency());
    }
}
