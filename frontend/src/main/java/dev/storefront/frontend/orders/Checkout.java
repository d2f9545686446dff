package dev.storefront.frontend.orders;

import dev.storefront.common.validation.PlainText;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import java.util.List;

/**
 * Body of {@code POST /api/checkout}, forwarded as is to {@code POST /orders}: {@code
 * {"customerEmail": "a@example.com", "items": [{"sku": "SKU-1", "quantity": 2}]}}. Validated here
 * too, so a bad request fails at the edge without a hop. No prices: orders prices from its catalog.
 *
 * @param customerEmail customer's e-mail address, at most 320 characters, no control characters
 * @param items 1 to 50 lines
 */
@Serdeable
public record Checkout(
        @Schema(requiredMode = REQUIRED, example = "a@example.com") @NotBlank @Email @Size(max = 320)
        @Pattern(regexp = PlainText.REGEX, message = PlainText.MESSAGE) String customerEmail,
        @NotNull @Size(min = 1, max = 50) List<@NotNull @Valid Item> items) {

    /**
     * One requested line.
     *
     * @param sku the product, at most 64 characters, no control characters
     * @param quantity units, 1 to 100
     */
    @Serdeable
    public record Item(
            @Schema(requiredMode = REQUIRED, example = "SKU-1") @NotBlank @Size(max = 64)
            @Pattern(regexp = PlainText.REGEX, message = PlainText.MESSAGE) String sku,
            @Schema(requiredMode = REQUIRED, example = "2") @NotNull @Min(1) @Max(100) Integer quantity) {
    }
}
