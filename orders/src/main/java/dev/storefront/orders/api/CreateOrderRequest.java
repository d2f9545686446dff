package dev.storefront.orders.api;

import dev.storefront.orders.domain.NewOrder;
import dev.storefront.common.validation.PlainText;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * Body of {@code POST /orders}: {@code {"customerEmail": "a@example.com", "items": [{"sku":
 * "SKU-1", "quantity": 2}]}}. No prices: orders prices from its catalog.
 *
 * @param customerEmail customer's e-mail address, at most 320 characters, no control characters
 * @param items 1 to 50 lines
 */
@Serdeable
public record CreateOrderRequest(
        @NotBlank @Email @Size(max = 320) @Pattern(regexp = PlainText.REGEX, message = PlainText.MESSAGE)
        String customerEmail,
        @NotNull @Size(min = 1, max = 50) List<@NotNull @Valid Item> items) {

    /**
     * One requested line.
     *
     * @param sku the product, at most 64 characters, no control characters
     * @param quantity units, 1 to 100
     */
    @Serdeable
    public record Item(
            @NotBlank @Size(max = 64) @Pattern(regexp = PlainText.REGEX, message = PlainText.MESSAGE) String sku,
            @NotNull @Min(1) @Max(100) Integer quantity) {
    }

    NewOrder toNewOrder() {
        return new NewOrder(customerEmail, items.stream().map(i -> new NewOrder.Item(i.sku(), i.quantity())).toList());
    }
}
