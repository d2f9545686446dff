package dev.storefront.frontend.orders;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

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
public record Product(
        @Schema(requiredMode = REQUIRED, example = "SKU-1") String sku,
        @Schema(requiredMode = REQUIRED, example = "Pour-over coffee kit") String name,
        @Schema(requiredMode = REQUIRED, example = "Ceramic dripper, glass carafe and 100 paper filters.") String description,
        @Schema(requiredMode = REQUIRED, example = "4500") long unitPriceCents,
        @Schema(requiredMode = REQUIRED, example = "USD") String currency) {
}
